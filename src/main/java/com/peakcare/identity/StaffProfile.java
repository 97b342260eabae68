package com.peakcare.identity;

import java.util.List;

/** A staff member as PeakCare sees them: Camunda's user and groups plus department and superior. */
public record StaffProfile(
    String userId, String name, String email, String department, String superior, List<String> groups) {}
