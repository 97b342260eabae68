package com.peakcare.returns;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code peakcare.refund.*}: which gateway pays refunds, and how to reach the payment provider when it is the HTTP
 * one. The embedded default records refunds ({@code recording}); production points {@code http} at the provider
 * with credentials from the environment (application.yaml, docs/refund-gateway.md).
 */
@ConfigurationProperties("peakcare.refund")
public class RefundProperties {

  /** Which {@link RefundGateway} the application uses. */
  public enum Gateway {
    /** {@link RecordingRefundGateway}: a row in PC_REFUND that the shop's payment system picks up. */
    RECORDING,
    /** {@link HttpRefundGateway}: the payment provider over HTTP, the return number as idempotency key. */
    HTTP
  }

  private Gateway gateway = Gateway.RECORDING;
  private final Http http = new Http();

  /** The payment provider's refund endpoint and how PeakCare authenticates to it. */
  public static class Http {
    /** The provider's refund endpoint: PeakCare POSTs one JSON request per refund attempt to it. */
    private String url = "";
    /** Sent as header {@code X-Api-Key} when set. */
    private String apiKey = "";
    /** HTTP Basic user, sent when set (with {@link #password}). */
    private String username = "";
    private String password = "";
    private Duration connectTimeout = Duration.ofSeconds(5);
    /**
     * How long PeakCare waits for the provider's answer. A refund job holds its lock for
     * {@code camunda.bpm.job-execution.lock-time-in-millis} (2 min): connect plus read timeout must stay well below.
     */
    private Duration readTimeout = Duration.ofSeconds(15);

    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public String getApiKey() { return apiKey; }
    public void setApiKey(String apiKey) { this.apiKey = apiKey; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public Duration getConnectTimeout() { return connectTimeout; }
    public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
    public Duration getReadTimeout() { return readTimeout; }
    public void setReadTimeout(Duration readTimeout) { this.readTimeout = readTimeout; }
  }

  public Gateway getGateway() { return gateway; }
  public void setGateway(Gateway gateway) { this.gateway = gateway; }
  public Http getHttp() { return http; }
}
