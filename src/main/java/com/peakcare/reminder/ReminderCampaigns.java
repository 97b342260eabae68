package com.peakcare.reminder;

import com.peakcare.reminder.ReminderRepository.Campaign;
import com.peakcare.web.ApiException;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reminder campaigns (催付活动): one runs at a time; every unpaid order registered while it runs is its order. A
 * campaign's salt and hold-out share decide each buyer's group (stored on first sight, never changed); its share is
 * 0 to 50 %, optionally per member tier. The running campaign is read at most every 5 s per node.
 */
@Service
class ReminderCampaigns {

  private static final Logger log = LoggerFactory.getLogger(ReminderCampaigns.class);
  static final BigDecimal DEFAULT_SHARE = new BigDecimal("0.10");
  static final BigDecimal MAX_SHARE = new BigDecimal("0.50");
  private static final Duration FRESH = Duration.ofSeconds(5);

  private record Cached(Optional<Campaign> campaign, Instant at) {}

  private final ReminderRepository repository;
  private final SecureRandom random = new SecureRandom();
  private volatile Cached running;

  ReminderCampaigns(ReminderRepository repository) {
    this.repository = repository;
  }

  /** Starts a campaign; refused (409) while another runs or when the id is taken. */
  @Transactional
  Campaign start(String id, String name, BigDecimal share, Map<String, BigDecimal> tierShares, String by) {
    BigDecimal s = share == null ? DEFAULT_SHARE : share;
    if (s.signum() < 0 || s.compareTo(MAX_SHARE) > 0) {
      throw ApiException.invalid("holdoutShare", "对照组比例须在 0 到 0.5 之间 · the hold-out share is 0 to 0.5");
    }
    StringBuilder tiers = new StringBuilder();
    if (tierShares != null) {
      for (Map.Entry<String, BigDecimal> e : new java.util.TreeMap<>(tierShares).entrySet()) {
        if (e.getValue() == null || e.getValue().signum() < 0 || e.getValue().compareTo(MAX_SHARE) > 0) {
          throw ApiException.invalid("tierShares." + e.getKey(), "对照组比例须在 0 到 0.5 之间 · 0 to 0.5");
        }
        tiers.append(tiers.isEmpty() ? "" : ";").append(e.getKey()).append('=').append(e.getValue().toPlainString());
      }
    }
    if (repository.campaign(id).isPresent()) {
      throw ApiException.conflict("催付活动 " + id + " 已存在 · reminder campaign " + id + " exists already");
    }
    Optional<Campaign> other = repository.running();
    if (other.isPresent()) {
      throw ApiException.conflict("催付活动 " + other.get().id() + " 正在进行，请先结束它 · campaign " + other.get().id()
          + " is running: end it first");
    }
    byte[] salt = new byte[12];
    random.nextBytes(salt);
    Campaign c = new Campaign(id, name, HexFormat.of().formatHex(salt), s, tiers.isEmpty() ? null : tiers.toString(),
        ReminderRepository.RUNNING, by, Instant.now(), null);
    repository.insertCampaign(c);
    running = null;
    log.info("reminder campaign {} started by {} (hold-out {})", id, by, s.toPlainString());
    return c;
  }

  @Transactional
  Campaign end(String id, String by) {
    Campaign c = find(id);
    if (!repository.endCampaign(id, Instant.now())) {
      throw ApiException.conflict("催付活动 " + id + " 已结束 · campaign " + id + " has ended already");
    }
    running = null;
    log.info("reminder campaign {} ended by {}", id, by);
    return repository.campaign(id).orElse(c);
  }

  Campaign find(String id) {
    return repository.campaign(id).orElseThrow(() -> ApiException.notFound("reminder campaign " + id));
  }

  List<Campaign> all() {
    return repository.campaigns();
  }

  /** The running campaign, if any (read at most every 5 s). */
  Optional<Campaign> running() {
    Cached c = running;
    if (c == null || Instant.now().isAfter(c.at().plus(FRESH))) {
      c = new Cached(repository.running(), Instant.now());
      running = c;
    }
    return c.campaign();
  }

  /** Forget the cached running campaign (tests, and a campaign started or ended on this node). */
  void refresh() {
    running = null;
  }

  /** The campaign's hold-out share for a tier: its own when the campaign sets one, else the campaign's. */
  static BigDecimal share(Campaign c, String tier) {
    return tierShares(c).getOrDefault(tier, c.holdoutShare());
  }

  static Map<String, BigDecimal> tierShares(Campaign c) {
    Map<String, BigDecimal> shares = new LinkedHashMap<>();
    if (c.tierShares() != null && !c.tierShares().isBlank()) {
      for (String part : c.tierShares().split(";")) {
        String[] kv = part.split("=");
        shares.put(kv[0], new BigDecimal(kv[1]));
      }
    }
    return shares;
  }
}
