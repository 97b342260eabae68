package com.peakcare.notice;

import static com.peakcare.notice.NoticeTestData.aCaseRef;
import static com.peakcare.notice.NoticeTestData.aChineseCustomer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.support.Http;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The notice and refund-promise status over real HTTP, security included. */
@PeakCareTest
class NoticeStatusApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired NoticeService notices;

  @Test
  void agentsSeeWhatTheCustomerWasToldAndThePromisedTime() throws Exception {
    String returnNo = aCaseRef();
    // what returns' refund care hands the outbox (returns.RefundCareApiTest: the promise itself)
    notices.send(returnNo, NoticeType.REFUND_CARE, aChineseCustomer(), Map.of(NoticeVariables.RETURN_NO, returnNo,
        NoticeVariables.AMOUNT, new BigDecimal("30"), NoticeVariables.PROMISED_BY, Instant.parse("2030-05-01T04:00:00Z")));
    Http http = new Http(port);

    HttpResponse<String> res = http.get("/api/notices/" + returnNo, "agent1");
    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode notice = JSON.readTree(res.body()).get(0);
    assertThat(notice.path("key").asText()).isEqualTo(returnNo + ":REFUND_CARE:1");
    assertThat(notice.path("text").asText()).contains("王小明").contains("2030年5月1日 12:00");
    assertThat(notice.path("deliveries").toString()).contains("IN_APP").contains("SENT").contains("PENDING");

  }

  @Test
  void otherGroupsAndAnonymousCallersAreRefused() {
    Http http = new Http(port);
    assertThat(http.get("/api/notices/R-1", "warehouse1").statusCode()).isEqualTo(403);
    assertThat(http.get("/api/refund-care/R-1", null).statusCode()).isEqualTo(401);
    assertThat(http.get("/api/refund-care/R-NO-SUCH-" + aCaseRef(), "cslead").statusCode()).isEqualTo(404);
  }
}
