package com.peakcare.engine.failure;

/**
 * Marks a failure of an asynchronous step that repeating cannot cure (a payment provider's refusal, a refund the case
 * record does not owe): {@link NoRetryFailures} makes it an incident at once, with its message, instead of spending
 * the step's retry cycle first.
 */
public interface FailsAtOnce {}
