package com.peakcare.notice;

import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code peakcare.notice.*}: channels per type, the SMS gateway, SMTP, the shop's details, shipping times. */
@ConfigurationProperties("peakcare.notice")
public class NoticeProperties {

  /** Where the templates are: {@code <location><TYPE>.<locale>.txt}; a file: location lets the business edit them. */
  private String templates = "classpath:notices/";
  /** The customer's time zone: promised times are written in it. */
  private ZoneId timeZone = ZoneId.of("Asia/Shanghai");
  /** Retries of a failed delivery before it becomes an incident (Camunda retry time cycle). */
  private String retryCycle = "R5/PT1M";
  /**
   * A channel claimed (SENDING) longer ago than this is taken over by the next attempt: its sender died or lost the
   * database before recording the outcome. Must exceed the slowest send (SMS connect + read timeout, e-mail timeout).
   */
  private Duration staleClaim = NoticeDispatcher.STALE_CLAIM;
  /**
   * How notices leave: {@code outbox} (the default) by {@link NoticeOutboxPoller}, channel rows claimed in batches on
   * every node; {@code process}, one notice-delivery process instance per notice (the design before issue 23, kept
   * to compare: docs/performance.md). Notices recorded under one setting are delivered by it whichever runs later.
   */
  private String delivery = OUTBOX;
  public static final String OUTBOX = "outbox";
  public static final String PROCESS = "process";
  private final Poller poller = new Poller();
  /** Channels per notice type; IN_APP is always added. A type not listed uses SMS, EMAIL and IN_APP. */
  private Map<NoticeType, List<String>> channels = new EnumMap<>(NoticeType.class);
  private final Sms sms = new Sms();
  private final Email email = new Email();
  private final Shop shop = new Shop();
  private final Shipping shipping = new Shipping();

  public List<String> channelsOf(NoticeType type) {
    List<String> configured = channels.getOrDefault(type,
        List.of(NoticeDelivery.SMS, NoticeDelivery.EMAIL, NoticeDelivery.IN_APP));
    java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
    configured.forEach(c -> all.add(c.trim().toUpperCase(java.util.Locale.ROOT)));
    all.add(NoticeDelivery.IN_APP);
    return List.copyOf(all);
  }

  /** The outbox poller (peakcare.notice.poller.*). */
  public static class Poller {
    /** Off only where a test delivers itself ({@link NoticeOutboxPoller#runOnce}). */
    private boolean enabled = true;
    /** Channel rows claimed per round (one statement); a full round is followed by the next at once. */
    private int batch = 200;
    /** Sender threads: SMS gateways answer in tens of milliseconds, so the rate is about threads / latency. */
    private int threads = 16;
    /** The pause between rounds when nothing is due; a notice recorded on this node wakes the poller at once. */
    private Duration interval = Duration.ofSeconds(1);

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public int getBatch() { return batch; }
    public void setBatch(int batch) { this.batch = batch; }
    public int getThreads() { return threads; }
    public void setThreads(int threads) { this.threads = threads; }
    public Duration getInterval() { return interval; }
    public void setInterval(Duration interval) { this.interval = interval; }
  }

  public static class Sms {
    private boolean enabled = false;
    /** JSON POST {to, text, reference} with headers X-Api-Key and Idempotency-Key. */
    private String url = "http://localhost:8089/sms";
    private String apiKey = "";
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration readTimeout = Duration.ofSeconds(10);
    /** The longest text sent (a long SMS of several parts); a longer one is not sent (issue 26). */
    private int maxLength = 500;

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public int getMaxLength() { return maxLength; }
    public void setMaxLength(int maxLength) { this.maxLength = maxLength; }
    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public String getApiKey() { return apiKey; }
    public void setApiKey(String apiKey) { this.apiKey = apiKey; }
    public Duration getConnectTimeout() { return connectTimeout; }
    public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
    public Duration getReadTimeout() { return readTimeout; }
    public void setReadTimeout(Duration readTimeout) { this.readTimeout = readTimeout; }
  }

  public static class Email {
    private boolean enabled = false;
    private String host = "localhost";
    private int port = 25;
    private String username = "";
    private String password = "";
    private boolean starttls = false;
    private String from = "PeakCare <service@peakcare.example>";
    private Duration timeout = Duration.ofSeconds(10);

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getHost() { return host; }
    public void setHost(String host) { this.host = host; }
    public int getPort() { return port; }
    public void setPort(int port) { this.port = port; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public boolean isStarttls() { return starttls; }
    public void setStarttls(boolean starttls) { this.starttls = starttls; }
    public String getFrom() { return from; }
    public void setFrom(String from) { this.from = from; }
    public Duration getTimeout() { return timeout; }
    public void setTimeout(Duration timeout) { this.timeout = timeout; }
  }

  /** The shop's details that templates may use: {shopName}, {hotline}, {returnAddress}, {trackingUrl}, ... */
  public static class Shop {
    private String name = "PeakCare";
    private String hotline = "400-000-0000";
    private String returnAddress = "";
    private String trackingUrl = "";
    private String reviewUrl = "";
    private String surveyUrl = "";

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getHotline() { return hotline; }
    public void setHotline(String hotline) { this.hotline = hotline; }
    public String getReturnAddress() { return returnAddress; }
    public void setReturnAddress(String returnAddress) { this.returnAddress = returnAddress; }
    public String getTrackingUrl() { return trackingUrl; }
    public void setTrackingUrl(String trackingUrl) { this.trackingUrl = trackingUrl; }
    public String getReviewUrl() { return reviewUrl; }
    public void setReviewUrl(String reviewUrl) { this.reviewUrl = reviewUrl; }
    public String getSurveyUrl() { return surveyUrl; }
    public void setSurveyUrl(String surveyUrl) { this.surveyUrl = surveyUrl; }
  }

  /** Days a parcel takes to a province (SHIPPING's expected arrival); unknown provinces take defaultDays. */
  public static class Shipping {
    private int defaultDays = 3;
    private Map<String, Integer> days = new LinkedHashMap<>();

    public int getDefaultDays() { return defaultDays; }
    public void setDefaultDays(int defaultDays) { this.defaultDays = defaultDays; }
    public Map<String, Integer> getDays() { return days; }
    public void setDays(Map<String, Integer> days) { this.days = days; }
  }

  public String getDelivery() { return delivery; }
  public void setDelivery(String delivery) {
    String d = delivery == null ? "" : delivery.strip().toLowerCase(java.util.Locale.ROOT);
    if (!OUTBOX.equals(d) && !PROCESS.equals(d)) {
      throw new IllegalArgumentException("peakcare.notice.delivery is outbox or process, not '" + delivery + "'");
    }
    this.delivery = d;
  }
  public boolean deliversFromOutbox() { return OUTBOX.equals(delivery); }
  public Poller getPoller() { return poller; }
  public String getTemplates() { return templates; }
  public void setTemplates(String templates) { this.templates = templates; }
  public ZoneId getTimeZone() { return timeZone; }
  public void setTimeZone(ZoneId timeZone) { this.timeZone = timeZone; }
  public String getRetryCycle() { return retryCycle; }
  public void setRetryCycle(String retryCycle) { this.retryCycle = retryCycle; }
  public Duration getStaleClaim() { return staleClaim; }
  public void setStaleClaim(Duration staleClaim) { this.staleClaim = staleClaim; }
  public Map<NoticeType, List<String>> getChannels() { return channels; }
  public void setChannels(Map<NoticeType, List<String>> channels) { this.channels = channels; }
  public Sms getSms() { return sms; }
  public Email getEmail() { return email; }
  public Shop getShop() { return shop; }
  public Shipping getShipping() { return shipping; }
}
