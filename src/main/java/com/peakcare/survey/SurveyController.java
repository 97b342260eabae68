package com.peakcare.survey;

import com.peakcare.survey.CaseSurveys.Page;
import com.peakcare.survey.CaseSurveys.State;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The customer's survey link, the one PeakCare path open without a login (the signed token is the permission): GET
 * shows the question and records nothing, whatever its query says (mail scanners open links); the form's POST records
 * the answer once. Outside {@code /api}: not part of the integrators' OpenAPI document.
 */
@RestController
class SurveyController {

  static final String PATH = "/survey/{token}";
  private static final MediaType HTML = new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8);

  private final CaseSurveys surveys;

  SurveyController(CaseSurveys surveys) {
    this.surveys = surveys;
  }

  @GetMapping(PATH)
  ResponseEntity<String> show(@PathVariable String token) {
    Page page = surveys.page(token);
    return ResponseEntity.status(page.state() == State.EXPIRED ? 410 : 200).header("Cache-Control", "no-store")
        .header("Referrer-Policy", "no-referrer").header("X-Robots-Tag", "noindex")
        .contentType(HTML).body(SurveyPageHtml.render(page, token));
  }

  @PostMapping(value = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<String> answer(@PathVariable String token, @RequestParam(required = false) String score,
      @RequestParam(required = false) String solved, @RequestParam(required = false) List<String> reasons,
      @RequestParam(required = false) String comment) {
    SurveyAnswer answer = surveys.answer(token, score, solved, reasons, comment);
    return ResponseEntity.ok().header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer")
        .contentType(HTML).body(SurveyPageHtml.thanks(answer));
  }

  static String escape(String s) {
    return HtmlUtils.htmlEscape(s == null ? "" : s);
  }
}
