package com.peakcare.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A request body that refuses a field it does not have (400 naming it) instead of ignoring it: for commands where a
 * field an old client still sends must not be taken for something it no longer does (issue 20: a return's
 * {@code customer}, {@code items} or {@code memberTier} now come from the registered order, and typing them changes
 * nothing, so the integrator is told at once). Put it on the record and on each nested record.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface RefuseUnknownFields {}
