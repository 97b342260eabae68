package com.peakcare.survey;

import com.peakcare.engine.gate.EngineGate;
import com.peakcare.notice.NoticeCustomer;
import com.peakcare.notice.NoticeService;
import com.peakcare.notice.NoticeType;
import com.peakcare.notice.NoticeVariables;
import com.peakcare.returns.ReturnNotices;
import com.peakcare.survey.SurveyRepository.Row;
import com.peakcare.web.ApiException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 回访 (issue 24 point 7): one survey per closed case, sent over the notice path with a signed, single-use, expiring
 * link; the answer recorded once, on a confirming POST (a GET never records: mail scanners open links); a low score
 * or "not solved" tells the case's process ({@value #ANSWERED}), whose model gives the superior a recovery task. The
 * model reads {@code ${caseSurveys.recoveryNeeded('COMPLAINT', execution)}}.
 */
@Service("caseSurveys")
public class CaseSurveys {

  /** The message a case's process waits for after its survey went out (business key: the case number). */
  public static final String ANSWERED = "CaseSurveyAnswered";

  private static final Logger log = LoggerFactory.getLogger(CaseSurveys.class);
  private static final Pattern SCORE = Pattern.compile("[1-5]");
  /** Scores up to this one may say why. */
  static final int REASONS_UP_TO = 3;
  static final int COMMENT_MAX = 500;

  private final SurveyRepository repository;
  private final SurveyTokens tokens;
  private final SurveySettings settings;
  private final NoticeService notices;
  private final ReturnNotices returns;
  private final RuntimeService runtimeService;
  private final EngineGate gate;

  CaseSurveys(SurveyRepository repository, SurveyTokens tokens, SurveySettings settings, NoticeService notices,
      ReturnNotices returns, RuntimeService runtimeService, EngineGate gate) {
    this.repository = repository;
    this.tokens = tokens;
    this.settings = settings;
    this.notices = notices;
    this.returns = returns;
    this.runtimeService = runtimeService;
    this.gate = gate;
  }

  /** Where a survey link stands, for its page. */
  public enum State { OPEN, ANSWERED, EXPIRED }

  /** What the survey page shows: the case, the state, and the answer once given. */
  public record Page(CaseKind caseKind, String caseNo, State state, Instant expiresAt, SurveyAnswer answer) {}

  /**
   * Sends the case's survey unless it had one: the record (only the token's hash) and the notice with the link, in
   * the caller's transaction. False when the case was surveyed already (no survey twice per case).
   */
  @Transactional
  public boolean send(CaseKind kind, String caseNo, String workedBy) {
    if (kind != CaseKind.RETURN) {
      throw new IllegalArgumentException("survey of " + kind + " " + caseNo + ": the case's feature says whom to ask "
          + "(send with the customer and values)");
    }
    ReturnNotices.CaseNotice found = returns.of(caseNo)
        .orElseThrow(() -> new IllegalStateException("survey: no return case " + caseNo));
    return send(kind, caseNo, workedBy, found.customer(), found.values());
  }

  /**
   * Sends the case's survey to {@code customer} with the case's notice {@code values}, as the case's feature hands them
   * (a complaint's survey: complaint's own step; survey never asks a feature above it back). False when surveyed.
   */
  @Transactional
  public boolean send(CaseKind kind, String caseNo, String workedBy, NoticeCustomer customer,
      Map<String, Object> caseValues) {
    if (repository.exists(kind.name(), caseNo)) {
      log.info("{} {}: surveyed already, no second survey", kind, caseNo);
      return false;
    }
    String id = UUID.randomUUID().toString();
    Instant now = Instant.now();
    Instant expires = now.plus(settings.validity());
    String token = tokens.issue(id, expires);
    repository.insert(id, kind.name(), caseNo, workedBy, SurveyTokens.hash(token), now, expires);
    Map<String, Object> values = new HashMap<>(caseValues);
    values.put(NoticeVariables.RETURN_NO, caseNo);
    values.put(NoticeVariables.CASE_NO, caseNo);
    values.put(NoticeVariables.SURVEY_LINK, settings.link(token));
    notices.send(caseNo, NoticeType.CASE_SURVEY, customer, values);
    log.info("{} {}: 回访 survey sent, valid until {}", kind, caseNo, expires);
    return true;
  }

  /** The page of a link: never records anything, whatever the request carries. */
  public Page page(String token) {
    Row row = valid(token);
    State state = row.answeredAt() != null ? State.ANSWERED
        : Instant.now().isAfter(row.expiresAt()) ? State.EXPIRED : State.OPEN;
    return new Page(CaseKind.valueOf(row.caseKind()), row.caseNo(), state, row.expiresAt(), answer(row));
  }

  /**
   * Records the customer's answer once: {@code score} exactly one of 1 to 5, {@code solved} yes or no, {@code reasons}
   * from the list and only for 1 to 3, a comment of at most 500 characters. Then the case's process hears of it.
   */
  @Transactional
  public SurveyAnswer answer(String token, String score, String solved, List<String> reasons, String comment) {
    Row row = valid(token);
    if (row.answeredAt() != null) {
      throw new ApiException(HttpStatus.CONFLICT, "Already answered", "已提交过，谢谢 · This survey was answered "
          + "already", List.of());
    }
    if (Instant.now().isAfter(row.expiresAt())) {
      throw new ApiException(HttpStatus.GONE, "Expired", "链接已过期 · This survey link has expired", List.of());
    }
    if (score == null || !SCORE.matcher(score).matches()) {
      throw ApiException.invalid("score", "1 到 5 的整数 · a whole number from 1 to 5");
    }
    int s = Integer.parseInt(score);
    if (!"yes".equals(solved) && !"no".equals(solved)) {
      throw ApiException.invalid("solved", "yes 或 no · yes or no");
    }
    LinkedHashSet<SurveyReason> why = new LinkedHashSet<>();
    for (String r : reasons == null ? List.<String>of() : reasons) {
      try {
        why.add(SurveyReason.valueOf(r));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw ApiException.invalid("reasons", "可选值 · one of " + Arrays.toString(SurveyReason.values()));
      }
    }
    if (!why.isEmpty() && s > REASONS_UP_TO) {
      throw ApiException.invalid("reasons", "只在 1–3 分时填写 · only for scores 1 to 3");
    }
    String text = comment == null || comment.isBlank() ? null : comment.strip();
    if (text != null && text.length() > COMMENT_MAX) {
      throw ApiException.invalid("comment", "最多 500 字 · at most 500 characters");
    }
    boolean isSolved = "yes".equals(solved);
    boolean recovery = s <= settings.lowScore() || !isSolved;
    Instant now = Instant.now();
    String codes = why.isEmpty() ? null : String.join(",", why.stream().map(Enum::name).toList());
    if (!repository.answer(row.id(), s, isSolved, codes, text, recovery, now)) {
      throw new ApiException(HttpStatus.CONFLICT, "Already answered", "已提交过，谢谢 · This survey was answered "
          + "already", List.of());
    }
    gate.asPeakCare(() -> runtimeService.createMessageCorrelation(ANSWERED).processInstanceBusinessKey(row.caseNo())
        .correlateAllWithResult());
    log.info("{} {}: survey answered, score {}, {}{}", row.caseKind(), row.caseNo(), s, isSolved ? "solved"
        : "not solved", recovery ? ", recovery task" : "");
    return new SurveyAnswer(CaseKind.valueOf(row.caseKind()), row.caseNo(), row.workedBy(), now, s, isSolved,
        List.copyOf(why), text, recovery);
  }

  /** The model's gateway: the answer asks for recovery (a low score or not solved). */
  public boolean recoveryNeeded(String kind, DelegateExecution execution) {
    return answerOf(CaseKind.valueOf(kind), execution.getProcessBusinessKey())
        .map(SurveyAnswer::recoveryNeeded).orElse(false);
  }

  /** The case's answer, once given. */
  public Optional<SurveyAnswer> answerOf(CaseKind kind, String caseNo) {
    return repository.byCase(kind.name(), caseNo).map(CaseSurveys::answer);
  }

  /** The superior called the customer back after a low score: who, and what they did. */
  public void recovered(CaseKind kind, String caseNo, String by, String note) {
    repository.recovered(kind.name(), caseNo, by, note, Instant.now());
    log.info("{} {}: customer called back after the survey by {}", kind, caseNo, by);
  }

  /**
   * Satisfaction of one kind of case for supervisors (issue 24 point 8): every figure with its n. {@code responded}:
   * answered of sent; {@code satisfied}: 4 or 5 of answered; {@code solved}: "solved" of answered; {@code recovery}: a
   * low score or "not solved" of answered; the mean score and the count of each score.
   */
  @io.swagger.v3.oas.annotations.media.Schema(name = "SurveySatisfaction")
  public record Satisfaction(int sent, int answered, Share responded, Double meanScore, Map<Integer, Long> scores,
      Share satisfied, Share solved, Share recovery) {}

  /** {@code count} of {@code n} and the share (null when n is 0). */
  @io.swagger.v3.oas.annotations.media.Schema(name = "SurveyShare")
  public record Share(long count, long n, Double share) {
    static Share of(long count, long n) {
      return new Share(count, n, n == 0 ? null : Math.round(1000.0 * count / n) / 1000.0);
    }
  }

  public Satisfaction satisfaction(CaseKind kind) {
    List<Row> sent = repository.sent(kind.name(), Instant.EPOCH, Instant.now().plusSeconds(1));
    List<Row> answered = sent.stream().filter(r -> r.answeredAt() != null).toList();
    Map<Integer, Long> scores = new java.util.TreeMap<>();
    for (int i = 1; i <= 5; i++) {
      int score = i;
      scores.put(i, answered.stream().filter(r -> r.score() == score).count());
    }
    Double mean = answered.isEmpty() ? null : Math.round(100.0 * answered.stream().mapToInt(Row::score).average()
        .orElse(0)) / 100.0;
    return new Satisfaction(sent.size(), answered.size(), Share.of(answered.size(), sent.size()), mean, scores,
        Share.of(answered.stream().filter(r -> r.score() >= 4).count(), answered.size()),
        Share.of(answered.stream().filter(r -> Boolean.TRUE.equals(r.solved())).count(), answered.size()),
        Share.of(answered.stream().filter(Row::recoveryNeeded).count(), answered.size()));
  }

  /** Whether the case had its survey. */
  public boolean surveyed(CaseKind kind, String caseNo) {
    return repository.exists(kind.name(), caseNo);
  }

  private Row valid(String token) {
    // one answer for every token that is not ours: forged, tampered, unknown, or another's shape
    ApiException unknown = new ApiException(HttpStatus.NOT_FOUND, "Not found", "没有这个回访链接 · No such survey link",
        List.of());
    SurveyTokens.Claims claims = tokens.verify(token).orElseThrow(() -> unknown);
    Row row = repository.byTokenHash(SurveyTokens.hash(token)).orElseThrow(() -> unknown);
    if (!row.id().equals(claims.surveyId())) {
      throw unknown;
    }
    return row;
  }

  private static SurveyAnswer answer(Row row) {
    if (row.answeredAt() == null) {
      return null;
    }
    List<SurveyReason> reasons = row.reasons() == null ? List.of()
        : Arrays.stream(row.reasons().split(",")).map(SurveyReason::valueOf).toList();
    return new SurveyAnswer(CaseKind.valueOf(row.caseKind()), row.caseNo(), row.workedBy(), row.answeredAt(),
        row.score(), Boolean.TRUE.equals(row.solved()), reasons, row.comment(), row.recoveryNeeded());
  }
}
