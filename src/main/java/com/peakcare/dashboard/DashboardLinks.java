package com.peakcare.dashboard;

import com.peakcare.engine.EngineFigures;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where a tile's figures come from, as links staff can follow (issue 25, point 6): a process's instances in Cockpit
 * (optionally its incidents), a shared Tasklist filter, a PeakCare JSON list. Paths from the site's root.
 */
@Component
class DashboardLinks {

  /** A link under a tile: what it opens (Chinese first) and where. */
  @io.swagger.v3.oas.annotations.media.Schema(name = "DashboardLink")
  record Link(String label, String href) {}

  private final EngineFigures engine;
  private final String webapps;

  DashboardLinks(EngineFigures engine, @Value("${server.servlet.context-path:}") String contextPath,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String applicationPath) {
    this.engine = engine;
    this.webapps = (contextPath + applicationPath).replaceAll("/+$", "") + "/app";
  }

  /** The process's running instances in Cockpit (its latest version), or its incidents. */
  Link cockpit(String label, String processKey, boolean incidents) {
    String base = webapps + "/cockpit/default/#/";
    return new Link(label, engine.latestDefinitionId(processKey)
        .map(id -> base + "process-definition/" + id + "/runtime" + (incidents ? "?detailsTab=incidents-tab" : ""))
        .orElse(base + "processes"));
  }

  /** A shared Tasklist filter by its name, or Tasklist when there is none. */
  Link tasklist(String label, String filterName) {
    String base = webapps + "/tasklist/default/#/";
    return new Link(label, engine.taskFilterId(filterName).map(id -> base + "?filter=" + id).orElse(base));
  }

  /** A PeakCare page or JSON list. */
  Link api(String label, String path) {
    return new Link(label, path);
  }
}
