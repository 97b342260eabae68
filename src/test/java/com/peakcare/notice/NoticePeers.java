package com.peakcare.notice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Properties;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * The notice channels' real peers for the whole test suite, started once on the ports that
 * {@code application-test.yaml} gives the application: GreenMail (an SMTP server in this JVM) and WireMock as the
 * SMS gateway, which answers 200 to every well-formed send unless a test stubs an outage for its own phone number.
 * The shared Spring context does not need them to start; only delivering a notice does.
 */
public final class NoticePeers {

  public static final String SMS_API_KEY;
  public static final String SMS_PATH;
  private static final int SMS_PORT;
  private static final int SMTP_PORT;
  private static GreenMail mail;
  private static WireMockServer sms;

  static {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new ClassPathResource("application-test.yaml"));
    Properties test = yaml.getObject();
    // the ports are placeholders the build fills (pom.xml, notice-peer-ports): resolved as the application does
    org.springframework.core.env.StandardEnvironment env = new org.springframework.core.env.StandardEnvironment();
    URI smsUrl = URI.create(env.resolveRequiredPlaceholders(test.getProperty("peakcare.notice.sms.url")));
    SMS_PORT = smsUrl.getPort();
    SMS_PATH = smsUrl.getPath();
    SMS_API_KEY = test.getProperty("peakcare.notice.sms.api-key");
    SMTP_PORT = Integer.parseInt(env.resolveRequiredPlaceholders(test.getProperty("peakcare.notice.email.port")));
  }

  /** The SMTP server every notice e-mail of the suite goes to. */
  public static synchronized GreenMail mail() {
    start();
    return mail;
  }

  /** The one e-mail the suite's SMTP server received for this address. */
  public static MimeMessage onlyEmailTo(String address) {
    MimeMessage[] received = mail().getReceivedMessagesForDomain(address);
    assertThat(received).as("e-mails to " + address).hasSize(1);
    return received[0];
  }

  /** The one SMS request the gateway received for this notice, checked as the gateway's API wants it; its body. */
  public static JsonNode onlySmsTo(String phone, String noticeKey) throws Exception {
    List<ServeEvent> sent = smsAttempts(noticeKey);
    assertThat(sent).as("SMS requests for " + noticeKey).hasSize(1);
    ServeEvent request = sent.get(0);
    assertThat(request.getRequest().getHeader("X-Api-Key")).isEqualTo(SMS_API_KEY);
    assertThat(request.getRequest().getHeader("Content-Type")).startsWith("application/json");
    JsonNode body = new ObjectMapper().readTree(request.getRequest().getBodyAsString());
    assertThat(body.path("to").asText()).isEqualTo(phone);
    assertThat(body.path("reference").asText()).isEqualTo(noticeKey);
    return body;
  }

  /** Every SMS request the gateway received for this notice (its idempotency key). */
  public static List<ServeEvent> smsAttempts(String noticeKey) {
    return sms().getAllServeEvents().stream()
        .filter(e -> noticeKey.equals(e.getRequest().getHeader("Idempotency-Key")))
        .toList();
  }

  /** The SMS gateway every notice SMS of the suite goes to. */
  public static synchronized WireMockServer sms() {
    start();
    return sms;
  }

  private static void start() {
    if (mail != null) {
      return;
    }
    GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    WireMockServer gateway = new WireMockServer(WireMockConfiguration.options()
        .bindAddress("127.0.0.1").port(SMS_PORT));
    gateway.start();
    gateway.stubFor(post(urlPathEqualTo(SMS_PATH)).atPriority(10)
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"status\":\"accepted\"}")));
    warmUp(gateway);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      gateway.stop();
      smtp.stop();
    }));
    mail = smtp;
    sms = gateway;
  }

  /** WireMock's first answer is slow (seconds on a busy machine): take it here, not in a test's read timeout. */
  private static void warmUp(WireMockServer gateway) {
    try {
      HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + SMS_PATH))
          .POST(HttpRequest.BodyPublishers.ofString("{\"warmUp\":true}")).build(),
          HttpResponse.BodyHandlers.discarding());
    } catch (Exception e) {
      throw new IllegalStateException("the SMS gateway stub does not answer", e);
    }
  }

  private NoticePeers() {}
}
