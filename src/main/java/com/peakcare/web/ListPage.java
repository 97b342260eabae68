package com.peakcare.web;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springdoc.core.annotations.ParameterObject;

/**
 * Which page of a list: the two query parameters every list of PeakCare's API takes, bounded, and answered with a 400
 * naming the parameter beyond its bounds (issue 20). {@code page} counts from 0; {@code size} is 1 to
 * {@value #MAX_SIZE} ({@value #DEFAULT_SIZE} when not given); and a page may start at most {@value #MAX_SKIPPED} rows
 * into a list (narrow a longer one with its filters). So {@code page=10737419&size=200}, whose offset does not even fit
 * an int, is a 400 and never reaches the database. A controller takes it as a parameter ({@code ListPage page}) and
 * hands {@link #checked()} (or {@link #checked(int, int)} for an export) to its repository.
 */
@ParameterObject
public record ListPage(
    @Parameter(description = "The page, counting from 0; it may start at most " + MAX_SKIPPED + " rows into the list",
        schema = @Schema(type = "integer", format = "int32", minimum = "0", defaultValue = "0")) Integer page,
    @Parameter(description = "Entries per page, 1 to " + MAX_SIZE + " (default " + DEFAULT_SIZE + ")",
        schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "" + MAX_SIZE,
            defaultValue = "" + DEFAULT_SIZE)) Integer size) {

  public static final int DEFAULT_SIZE = 20;
  public static final int MAX_SIZE = 200;
  public static final int MAX_SKIPPED = 100_000;

  /** A checked page: where it starts and how many entries it holds, ready for {@code limit ? offset ?}. */
  public record Bounds(int limit, int offset) {
    /** SQL's tail for this page. */
    public static final String SQL = " limit ? offset ?";
  }

  /** The first page of the default size. */
  public static ListPage first() {
    return new ListPage(0, DEFAULT_SIZE);
  }

  /** This page within the lists' bounds, or a 400 naming {@code page} or {@code size}. */
  public Bounds checked() {
    return checked(DEFAULT_SIZE, MAX_SIZE);
  }

  /** This page within other bounds (an export's longer pages), or a 400 naming {@code page} or {@code size}. */
  public Bounds checked(int defaultSize, int maxSize) {
    int p = page == null ? 0 : page;
    int s = size == null ? defaultSize : size;
    if (p < 0) {
      throw ApiException.invalid("page", "页码从 0 开始 · must be 0 or more");
    }
    if (s < 1 || s > maxSize) {
      throw ApiException.invalid("size", "每页 1 到 " + maxSize + " 条 · must be between 1 and " + maxSize);
    }
    if ((long) p * s > MAX_SKIPPED) {
      throw ApiException.invalid("page", "最多翻到第 " + MAX_SKIPPED + " 条，请用筛选条件缩小范围 · a page may start "
          + "at most " + MAX_SKIPPED + " entries into the list (page × size): narrow the list with its filters");
    }
    return new Bounds(s, p * s);
  }
}
