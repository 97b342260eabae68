package com.peakcare.audit;

/** What a feature asks the ledger to sign; the ledger adds time, chain link and signature. */
public record SignOffRequest(
    String campaign,
    String stage,
    String meaning,
    int errorCount,
    String signerId,
    String signerName,
    String versionHash,
    String taskId) {}
