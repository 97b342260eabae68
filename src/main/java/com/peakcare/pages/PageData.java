package com.peakcare.pages;

import java.util.Map;
import java.util.Set;

/**
 * The server side of one of PeakCare's pages: its data as JSON (read) and, if it has one, an action it takes (write),
 * each for the groups it names. A feature contributes one bean per page; {@link Pages} serves it on both doors with the
 * same group check: the feature's own {@code /api} operation (HTTP Basic, in the OpenAPI document) and Cockpit's plugin
 * API {@code /camunda/api/cockpit/plugin/peakcare/{engine}/pages/{path}} (the webapps' session and CSRF), which the
 * page in Cockpit calls. docs/pages.md: how to add a page.
 */
public interface PageData {

  /** Where it is served, below {@code /pages/} on Cockpit's side: {@code reviews/meeting}. */
  String path();

  /** The groups that may read it (one of them is enough). */
  Set<String> readers();

  /**
   * The data for {@code viewer} (a reader), from the query's parameters; a record or map (written as JSON), or a
   * {@link PageFile} (a download, such as CSV). A bad parameter is an {@code ApiException.invalid} naming it.
   */
  Object read(Viewer viewer, Map<String, String> query);

  /** The groups that may take the page's action; none when it has no action. */
  default Set<String> writers() {
    return Set.of();
  }

  /** The page's action (a POST: it changes something), with its body as sent. */
  default Object write(Viewer viewer, Map<String, String> query, String contentType, byte[] body) {
    throw new UnsupportedOperationException(path() + " has no action");
  }
}
