package com.peakcare.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.support.Http;
import com.peakcare.support.WebappSession;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who sees what (issue 25, point 7), on every door: each tile's JSON and CSV on {@code /api} (HTTP Basic) and on
 * Cockpit's plugin API (the webapps' session), and the list of the viewer's tiles. After-sales supervisors read
 * returns, money, promises and notices; ops supervisors campaigns; auditors all; another department's supervisor,
 * agents and the shop's system none (403 problems); nobody without a login.
 */
@PeakCareTest
class DashboardAccessTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PAGES = "/camunda/api/cockpit/plugin/peakcare/default/pages/";
  private static final List<String> AFTER_SALES = List.of("returns", "money", "promises", "notices");
  private static final List<String> ALL = List.of("returns", "money", "promises", "notices", "campaigns");

  /** Each user and the tiles they may read. */
  private static final Map<String, List<String>> READS = Map.of(
      "cslead", AFTER_SALES,
      "cslead2", AFTER_SALES,
      "opslead", List.of("campaigns"),
      "auditor1", ALL,
      "whlead", List.of(), // a supervisor of the warehouse: in supervisors, not after-sales' nor ops'
      "agent1", List.of(),
      "shop1", List.of());

  @LocalServerPort int port;

  @Test
  void eachPersonReadsExactlyTheirTilesOnApi() throws Exception {
    Http http = new Http(port);
    List<String> wrong = new ArrayList<>();
    READS.forEach((user, tiles) -> {
      for (String tile : ALL) {
        int expected = tiles.contains(tile) ? 200 : 403;
        for (String path : new String[] {"/api/dashboard/" + tile, "/api/dashboard/" + tile + ".csv"}) {
          HttpResponse<String> res = http.get(path, user);
          if (res.statusCode() != expected) {
            wrong.add(user + " " + path + ": " + res.statusCode() + " " + res.body());
          } else if (expected == 403 && !res.body().contains("\"status\":403")) {
            wrong.add(user + " " + path + ": not a problem: " + res.body());
          }
        }
      }
    });
    assertThat(wrong).isEmpty();
  }

  @Test
  void theTilesListSaysWhichTilesThePageDraws() throws Exception {
    Http http = new Http(port);
    for (Map.Entry<String, List<String>> e : READS.entrySet()) {
      HttpResponse<String> res = http.get("/api/dashboard/tiles", e.getKey());
      if (Set.of("agent1", "shop1").contains(e.getKey())) {
        assertThat(res.statusCode()).as(e.getKey()).isEqualTo(403);
        continue;
      }
      assertThat(res.statusCode()).as(e.getKey() + res.body()).isEqualTo(200);
      JsonNode tiles = JSON.readTree(res.body());
      List<String> names = new ArrayList<>();
      tiles.path("tiles").forEach(t -> names.add(t.path("tile").asText()));
      assertThat(names).as(e.getKey()).containsExactlyElementsOf(e.getValue());
      assertThat(tiles.path("refreshSeconds").asInt()).isBetween(1, 30);
      assertThat(tiles.path("timeZone").asText()).isEqualTo("Asia/Shanghai");
    }
  }

  @Test
  void theCockpitDoorReadsTheSessionsPersonAndAppliesTheSameRules() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (String user : new String[] {"cslead", "opslead", "auditor1", "whlead", "agent1"}) {
      WebappSession session = WebappSession.login(port, user);
      assertThat(session.loginStatus()).as(user).isEqualTo(200);
      for (String tile : ALL) {
        int expected = READS.get(user).contains(tile) ? 200 : 403;
        for (String path : new String[] {PAGES + "dashboard/" + tile, PAGES + "dashboard/" + tile + ".csv"}) {
          HttpResponse<String> res = session.get(path);
          if (res.statusCode() != expected) {
            wrong.add(user + " " + path + ": " + res.statusCode() + " " + res.body());
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void nobodyWithoutALoginAndNoActionOnTheDashboard() throws Exception {
    Http http = new Http(port);
    assertThat(http.get("/api/dashboard/returns", null).statusCode()).isEqualTo(401);
    assertThat(http.get(PAGES + "dashboard/returns", null).statusCode()).isIn(401, 403);
    assertThat(http.get("/api/dashboard/nothing.csv", "auditor1").statusCode()).isEqualTo(404);
    WebappSession auditor = WebappSession.login(port, "auditor1");
    HttpResponse<String> post = auditor.post(PAGES + "dashboard/returns", "{}");
    assertThat(post.statusCode()).as("reading is all the dashboard does").isEqualTo(404);
    assertThat(http.post("/api/dashboard/returns", "auditor1", "{}").statusCode()).isIn(403, 404, 405);
  }
}
