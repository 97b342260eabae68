package com.peakcare.pages;

/** A page's download: its file name, content type and bytes (a CSV for the meeting, say). */
public record PageFile(String filename, String contentType, byte[] content) {}
