package com.peakcare.survey;

import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.PeakCareApplication;
import com.peakcare.notice.NoticeCustomer;
import com.peakcare.notice.NoticeService;
import com.peakcare.notice.NoticeType;
import com.peakcare.support.PostgresDatabase;
import com.peakcare.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 回访 on the real PostgreSQL server, production profile: the changelog applies, a case is surveyed once, and eight
 * answers racing on one link record exactly one (the others get 409), with only the token's hash in the table.
 */
@Tag("own-jvm")
class SurveyPostgresTest {

  @Test
  void oneSurveyPerCaseAndOneAnswerPerLinkOnPostgres() throws Exception {
    try (PostgresDatabase db = PostgresDatabase.create();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(PeakCareApplication.class)
            .profiles("postgres")
            .run("--server.port=0", "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(), "--camunda.bpm.job-execution.enabled=false",
                "--spring.jmx.enabled=false", "--peakcare.admin.user=boss", "--peakcare.admin.password=Peak-Care-2026!",
                "--peakcare.survey.secret=a-test-secret-of-at-least-32-characters")) {
      CaseSurveys surveys = app.getBean(CaseSurveys.class);
      // the case's feature hands survey whom to ask (survey never asks it back)
      NoticeCustomer customer = new NoticeCustomer("张伟", "+8613900000000", null, "zh-CN", "北京市");
      java.util.Map<String, Object> values = java.util.Map.of(com.peakcare.notice.NoticeVariables.ORDER_NO, "O-PG-S1");

      assertThat(surveys.send(CaseKind.COMPLAINT, "R-PG-S1", "agent1", customer, values)).isTrue();
      assertThat(surveys.send(CaseKind.COMPLAINT, "R-PG-S1", "agent1", customer, values)).as("never twice").isFalse();
      String text = app.getBean(NoticeService.class).noticesOf("R-PG-S1").stream()
          .filter(n -> n.type() == NoticeType.CASE_SURVEY).findFirst().orElseThrow().text();
      Matcher m = Pattern.compile("/survey/([A-Za-z0-9_.-]+)").matcher(text);
      assertThat(m.find()).isTrue();
      String token = m.group(1);

      ExecutorService pool = Executors.newFixedThreadPool(8);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String score = String.valueOf(1 + i % 5);
        answers.add(pool.submit(() -> {
          go.await();
          try {
            surveys.answer(token, score, "yes", List.of(), null);
            return 200;
          } catch (ApiException e) {
            return e.status().value();
          }
        }));
      }
      go.countDown();
      List<Integer> codes = new ArrayList<>();
      for (Future<Integer> f : answers) {
        codes.add(f.get());
      }
      pool.shutdown();

      assertThat(codes).containsOnlyOnce(200);
      assertThat(codes.stream().filter(c -> c == 409).count()).isEqualTo(7);
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      assertThat(jdbc.queryForObject("select count(*) from PC_SURVEY where CASE_NO = 'R-PG-S1' and ANSWERED_AT is not "
          + "null", Integer.class)).isEqualTo(1);
      assertThat(jdbc.queryForObject("select TOKEN_HASH from PC_SURVEY where CASE_NO = 'R-PG-S1'", String.class))
          .isNotEqualTo(token).hasSize(64);
    }
  }
}
