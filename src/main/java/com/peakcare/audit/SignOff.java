package com.peakcare.audit;

import java.time.Instant;

/**
 * One signed statement: who (id and printed name), what it means, for which stage of which campaign, bound to
 * which version hash, when (UTC), chained to the previous sign-off of the campaign and signed with Ed25519.
 */
public record SignOff(
    String id,
    String campaign,
    int seq,
    String stage,
    String meaning,
    int errorCount,
    String signerId,
    String signerName,
    String versionHash,
    String taskId,
    Instant signedAt,
    String prevHash,
    String recordHash,
    String signature,
    String keyId) {}
