package com.peakcare.survey;

/** What a survey asks about: a closed complaint or a closed, worked return case. */
public enum CaseKind { COMPLAINT, RETURN }
