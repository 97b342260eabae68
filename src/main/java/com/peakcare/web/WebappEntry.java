package com.peakcare.web;

import java.time.ZoneId;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * How staff enter Camunda's webapps (issue 14):
 * <ul>
 *   <li>{@code /} redirects to Tasklist, where staff work (Camunda's own index redirect, to the Welcome page, is off:
 *       {@code camunda.bpm.webapp.index-redirect-enabled=false}). A fixed target, so no open redirect; anonymous
 *       users then meet Tasklist's login.</li>
 *   <li>{@code <application-path>/app/peakcare/settings.json} tells the webapps' script
 *       ({@code app/peakcare/webapps.js}) the shop's time zone, {@code peakcare.webapps.time-zone}, in which every
 *       date is shown whatever the browser's zone. Not a secret: served to anyone, like the webapps' scripts.</li>
 * </ul>
 */
@RestController
class WebappEntry implements WebMvcConfigurer {

  static final String SETTINGS = "${camunda.bpm.webapp.application-path:/camunda}/app/peakcare/settings.json";

  private final String tasklist;
  private final ZoneId timeZone;

  WebappEntry(@Value("${camunda.bpm.webapp.application-path:/camunda}") String applicationPath,
      @Value("${peakcare.webapps.time-zone:Asia/Shanghai}") String timeZone) {
    this.tasklist = applicationPath + "/app/tasklist/default/";
    this.timeZone = ZoneId.of(timeZone); // a typo fails the start, not every page
  }

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/", tasklist);
  }

  @GetMapping(path = SETTINGS, produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, String>> settings() {
    return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(Map.of("timeZone", timeZone.getId()));
  }
}
