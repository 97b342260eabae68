package com.peakcare.returns;

import static com.peakcare.returns.ReturnRequests.aReturnForReview;
import static com.peakcare.returns.ReturnRequests.withAssignee;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.support.Http;
import java.net.http.HttpRequest;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 14: the Returns filter works for the people it is for: an agent and a warehouse clerk (not only supervisors)
 * see their cases' tasks, and each card's name tells the case from the next: return number, customer, amount, read
 * from the case record (issue 15: the filter has no variable columns, the case's facts are no process variables).
 */
@PeakCareTest
class ReturnFilterTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired ReturnCases cases;
  @Autowired ShopOrders shop;
  @Autowired FilterService filters;
  @Autowired TaskService tasks;

  @Test
  void agentsAndTheWarehouseSeeCardsThatSayWhichCase() throws Exception {
    ReturnRequest request = withAssignee(aReturnForReview(), "agent1");
    shop.open(request, "shop1");
    JsonNode agent = list("agent1");
    assertThat(agent.path("_embedded").path("task").findValuesAsText("name"))
        .anySatisfy(name -> assertThat(name).contains(request.returnNo()).contains("张伟").contains("¥300.00"));

    String review = tasks.createTaskQuery().processInstanceBusinessKey(request.returnNo()).singleResult().getId();
    tasks.complete(review, java.util.Map.of("approved", true));
    cases.parcelShipped(request.returnNo(), "SF", "SF-" + request.returnNo(), "shop1");
    JsonNode warehouse = list("warehouse1");
    assertThat(warehouse.path("_embedded").path("task").findValuesAsText("name"))
        .anySatisfy(name -> assertThat(name).contains("仓库验货").contains(request.returnNo()).contains("张伟"));
  }

  private JsonNode list(String user) throws Exception {
    String id = filters.createFilterQuery().filterName(ReturnTasklistFilters.RETURNS).list().stream()
        .filter(f -> f.getOwner() == null).findFirst().orElseThrow().getId();
    Http http = new Http(port);
    var res = http.send(http.request("/engine-rest/filter/" + id + "/list?firstResult=0&maxResults=50", user)
        .header("Accept", "application/hal+json").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}"))
        .build());
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    return JSON.readTree(res.body());
  }
}
