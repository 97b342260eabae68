package com.peakcare.engine.failure;

/**
 * Marks an exception that a feature throws on purpose to make the engine retry a job (a notice gateway that does not
 * answer), after logging it itself in one line. It is not a fault of PeakCare's: the engine logs it at DEBUG rather
 * than as an ERROR with a stack trace on every retry (see {@link CommandExceptionLogging}); when the retries run out
 * it becomes an incident in Cockpit, with its stack trace.
 */
public interface ExpectedFailure {}
