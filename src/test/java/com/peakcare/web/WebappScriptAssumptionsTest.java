package com.peakcare.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What PeakCare's webapp scripts ({@code app/peakcare/webapps.js}, {@code app/peakcare/start-form-guard.js}) rely on
 * in Camunda 7.24's bundled webapps, read from the webjar on the classpath. When an upgrade changes one of these,
 * this test says which script to look at again (and whether the workaround is still needed).
 */
class WebappScriptAssumptionsTest {

  private static final String WEBJAR = "META-INF/resources/webjars/camunda/";

  @Test
  void webappsJsFindsMomentInTheWebpackRegistryAndFlatpickrOnWindow() throws IOException {
    assertThat(read("lib/runtime.js")).as("the webpack chunk registry webapps.js pushes into")
        .contains("self.webpackChunkcamunda_bpm_webapp");
    String deps = read("lib/deps.js");
    assertThat(count(deps, "defineLocaleOverride")).as("exactly one module (moment) that webapps.js takes as moment")
        .isEqualTo(1);
    assertThat(deps).as("flatpickr, Camunda Forms' date picker, on window").contains("window.flatpickr=");
  }

  @Test
  void theFooterShowsTheBrowsersZoneWhichWebappsJsReplaces() throws IOException {
    String tasklist = read("app/tasklist/camunda-tasklist-bootstrap.js");
    assertThat(tasklist).contains("id=\"footer-timezone\"")
        .contains("timezoneName=Intl.DateTimeFormat().resolvedOptions().timeZone");
    assertThat(tasklist).as("Camunda picks the language from the browser's first language (webapps.js mirrors it)")
        .contains("determinePreferredLanguage((function(){var e=window.navigator");
  }

  @Test
  void theStartModalStillClosesOnEscapeUnlessTheKeydownIsPrevented() throws IOException {
    String tasklist = read("app/tasklist/camunda-tasklist-bootstrap.js");
    assertThat(tasklist).as("Tasklist's modals close on Escape and on the backdrop (start-form-guard.js is needed)")
        .contains("e.options={animation:!0,backdrop:!0,keyboard:!0}");
    assertThat(tasklist).as("the start form inside the start modal, which start-form-guard.js looks for")
        .contains("cam-tasklist-form\\n         tasklist-form=\"startForm\"");
    assertThat(read("lib/deps.js")).as("Angular UI's modal stack ignores a prevented Escape")
        .contains("if(e.isDefaultPrevented())return e;var t=p.top()")
        .contains("\"backdrop click\"");
  }

  @Test
  void camundaFormsWritesTheValidationMessagesWebappsJsTranslates() throws IOException {
    assertThat(read("lib/deps.js")).as("form-js's English validation messages, matched in webapps.js FORM_ERRORS")
        .contains("i.push(\"Field is required.\")")
        .contains("i.push(`Field must have minimum value of ${t.min}.`)")
        .contains("i.push(`Field must have maximum value of ${t.max}.`)")
        .contains("i.push(`Field must have minimum length of ${t.minLength}.`)")
        .contains("i.push(`Field must have maximum length of ${t.maxLength}.`)")
        .contains("i.push(`Field must match pattern ${t.pattern}.`)")
        .contains("i.push(\"Field must be a valid email.\")")
        .contains("i.push(\"Field must be a valid  international phone number. (e.g. +4930664040900)\")")
        .contains("fjs-form-field-error");
    assertThat(read("lib/deps.js")).as("an empty dropdown's placeholder, which webapps.js shows as 请选择 · Select")
        .contains("\"fjs-select-placeholder\":!h}),id:`${t}-display`,children:_||\"Select\"}");
  }

  private static String read(String path) throws IOException {
    try (InputStream in = WebappScriptAssumptionsTest.class.getClassLoader().getResourceAsStream(WEBJAR + path)) {
      assertThat(in).as(WEBJAR + path + " on the classpath").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static int count(String text, String part) {
    int found = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      found++;
    }
    return found;
  }
}
