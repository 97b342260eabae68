package com.peakcare.review;

import static com.peakcare.review.ReviewFixtures.review;
import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.PeakCareApplication;
import com.peakcare.pages.Viewer;
import com.peakcare.support.PostgresDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The review feature on the real PostgreSQL server, production profile: batches in and again, a cycle gathered (its
 * window and aggregate queries), the meeting read, and two batches bringing the same new review at the same moment.
 */
@Tag("own-jvm")
class ReviewPostgresTest {

  @Test
  void reviewsCyclesAndTheMeetingWorkOnPostgres() throws Exception {
    try (PostgresDatabase db = PostgresDatabase.create();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(PeakCareApplication.class)
            .profiles("postgres")
            .run("--server.port=0", "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(), "--camunda.bpm.job-execution.enabled=false",
                "--spring.jmx.enabled=false", "--peakcare.demo=true")) {
      ReviewIntake intake = app.getBean(ReviewIntake.class);
      ReviewCycles cycles = app.getBean(ReviewCycles.class);
      ReviewRepository repository = app.getBean(ReviewRepository.class);
      ManagementService management = app.getBean(ManagementService.class);

      ReviewInput late = review(5, "衣服质量很好，但是物流太慢了，等了一个星期才到。");
      List<ReviewInput> batch = new ArrayList<>(List.of(late, review(1, "用了两天脸就过敏了，要去12315投诉。"),
          review(4, "鞋子好看，就是尺码偏小。"), review(5, "好评，会回购。")));
      ReviewIntake.Received first = intake.receive(batch, "API", "shop1");
      ReviewIntake.Received again = intake.receive(batch, "API", "shop1");
      assertThat(List.of(first.created(), first.seriousOpened(), again.unchanged(), again.created()))
          .containsExactly(4, 1, 4, 0);

      // two batches with the same new review at once: both answer, it is stored once
      ReviewInput shared = review(4, "东西不错，可惜赠品没有收到。");
      ExecutorService pool = Executors.newFixedThreadPool(2);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<ReviewIntake.Received>> both = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        both.add(pool.submit(() -> {
          go.await();
          return intake.receive(List.of(shared), "API", "shop1");
        }));
      }
      go.countDown();
      int created = 0;
      for (Future<ReviewIntake.Received> f : both) {
        created += f.get().created();
      }
      pool.shutdown();
      assertThat(created).isEqualTo(1);
      assertThat(app.getBean(JdbcTemplate.class).queryForObject("select count(*) from PC_REVIEW where ORDER_NO = ?",
          Integer.class, shared.orderNo())).isEqualTo(1);

      ReviewRepository.Cycle cycle = cycles.open("PG", "whlead");
      management.executeJob(management.createJobQuery().processInstanceId(cycle.processInstanceId()).singleResult()
          .getId());
      ReviewRepository.Cycle gathered = repository.cycle(cycle.id()).orElseThrow();
      assertThat(List.of(gathered.reviews(), gathered.negativeReviews(), gathered.hiddenNegatives(),
          gathered.seriousReviews())).containsExactly(5, 4, 3, 1);
      assertThat(repository.topic(cycle.id(), "LOGISTICS")).hasValueSatisfying(t -> {
        assertThat(List.of(t.reviews(), t.hidden(), t.issues())).containsExactly(1, 1, 2);
        assertThat(t.department()).isEqualTo("warehouse");
        assertThat(t.examplesJson()).contains("但是物流太慢了");
      });
      ReviewMeeting.Meeting m = app.getBean(ReviewMeeting.class).read(new Viewer("whlead", Set.of("supervisors")),
          Map.of());
      assertThat(m.cycle().id()).isEqualTo(cycle.id());
      assertThat(m.categories()).filteredOn(r -> r.code().equals("GIFT")).singleElement()
          .satisfies(r -> assertThat(r.quotes()).extracting(ReviewMeeting.Quote::clause)
              .containsExactly("可惜赠品没有收到"));
      assertThat(Instant.now()).isAfter(gathered.gatheredAt());
    }
  }
}
