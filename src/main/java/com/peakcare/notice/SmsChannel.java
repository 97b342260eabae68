package com.peakcare.notice;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * SMS through the gateway: JSON POST {@code {to, text, reference}} to {@code peakcare.notice.sms.url} with
 * {@code X-Api-Key} and {@code Idempotency-Key} (the notice key) headers. Any non-2xx answer is a failure. Before it
 * leaves, the text is checked (issue 26): not empty, at most {@code peakcare.notice.sms.max-length} characters (500),
 * no control or invisible formatting character but a line break; otherwise the channel fails ({@link Unsendable}),
 * and the notice with it: retried, then an incident that names why.
 */
@Component
class SmsChannel implements NoticeChannel {

  static final String API_KEY_HEADER = "X-Api-Key";
  static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

  private final NoticeProperties.Sms config;
  private final RestClient client;
  private final ObjectMapper json;

  SmsChannel(NoticeProperties properties, ObjectMapper json) {
    this.config = properties.getSms();
    this.json = json;
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1) // gateways speak HTTP/1.1; no h2c upgrade
            .connectTimeout(config.getConnectTimeout()).build());
    factory.setReadTimeout(config.getReadTimeout());
    this.client = RestClient.builder().requestFactory(factory).build();
  }

  @Override
  public String name() {
    return NoticeDelivery.SMS;
  }

  @Override
  public boolean enabled() {
    return config.isEnabled();
  }

  @Override
  public boolean reaches(String phone, String email) {
    return phone != null && !phone.isBlank();
  }

  @Override
  public void send(NoticeOutbox.Stored notice) {
    String text = notice.notice().text();
    if (text == null || text.isBlank() || text.length() > config.getMaxLength()) {
      throw new Unsendable("SMS text of " + (text == null ? 0 : text.length()) + " characters: at most "
          + config.getMaxLength() + " are sent (peakcare.notice.sms.max-length)");
    }
    Unsendable.refuseControlCharacters("SMS text", text);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("to", notice.phone());
    body.put("text", notice.notice().text());
    body.put("reference", notice.notice().key());
    try {
      client.post().uri(config.getUrl())
          .contentType(MediaType.APPLICATION_JSON)
          .header(API_KEY_HEADER, config.getApiKey())
          .header(IDEMPOTENCY_KEY_HEADER, notice.notice().key())
          .body(json.writeValueAsString(body))
          .retrieve()
          .toBodilessEntity();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
