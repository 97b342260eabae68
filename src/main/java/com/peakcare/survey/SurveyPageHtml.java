package com.peakcare.survey;

import com.peakcare.survey.CaseSurveys.Page;

/** The survey's two pages, Chinese first: the question with its confirming button, and the thanks. */
final class SurveyPageHtml {

  private SurveyPageHtml() {}

  private static String frame(String body) {
    return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<meta name=\"robots\" content=\"noindex\"><title>满意度回访 · Satisfaction survey</title>"
        + "<style>body{font-family:sans-serif;max-width:36em;margin:2em auto;padding:0 1em;line-height:1.5}"
        + "fieldset{border:1px solid #ccc;margin:1em 0}label{display:block}button{font-size:1.1em;padding:.4em 1.2em}"
        + "</style></head><body>" + body + "</body></html>";
  }

  static String render(Page page, String token) {
    String what = (page.caseKind() == CaseKind.COMPLAINT ? "投诉 · complaint " : "售后 · return case ")
        + SurveyController.escape(page.caseNo());
    return switch (page.state()) {
      case ANSWERED -> frame("<h1>已收到您的评价 · Thank you</h1><p>" + what + "：您已评价过，谢谢！ · You have answered "
          + "this survey already.</p>");
      case EXPIRED -> frame("<h1>链接已过期 · Link expired</h1><p>" + what + "：回访已结束。如需帮助请联系客服。 · The "
          + "survey has ended; contact us if you need help.</p>");
      case OPEN -> frame(form(what, token));
    };
  }

  private static String form(String what, String token) {
    StringBuilder b = new StringBuilder();
    b.append("<h1>您对我们的处理满意吗？ · How did we do?</h1><p>").append(what).append("</p>")
        .append("<form method=\"post\" action=\"/survey/").append(SurveyController.escape(token)).append("\">")
        .append("<fieldset><legend>评分（1 很不满意 – 5 非常满意） · Score (1 bad – 5 good)</legend>");
    for (int i = 5; i >= 1; i--) {
      b.append("<label><input type=\"radio\" name=\"score\" value=\"").append(i).append("\" required> ").append(i)
          .append("</label>");
    }
    b.append("</fieldset><fieldset><legend>问题解决了吗？ · Is it solved?</legend>")
        .append("<label><input type=\"radio\" name=\"solved\" value=\"yes\" required> 已解决 · Yes</label>")
        .append("<label><input type=\"radio\" name=\"solved\" value=\"no\"> 没有解决 · No</label></fieldset>")
        .append("<fieldset><legend>1–3 分请告诉我们原因 · For 1 to 3, why?</legend>");
    for (SurveyReason r : SurveyReason.values()) {
      b.append("<label><input type=\"checkbox\" name=\"reasons\" value=\"").append(r.name()).append("\"> ")
          .append(SurveyController.escape(r.label())).append("</label>");
    }
    b.append("</fieldset><label>留言（可选） · Comment (optional)<br><textarea name=\"comment\" maxlength=\"")
        .append(CaseSurveys.COMMENT_MAX).append("\" rows=\"4\" cols=\"40\"></textarea></label>")
        .append("<p><button type=\"submit\">提交评价 · Send</button></p></form>");
    return b.toString();
  }

  static String thanks(SurveyAnswer answer) {
    return frame("<h1>谢谢您的评价！ · Thank you!</h1><p>评分 · Score: " + answer.score() + "/5</p>"
        + (answer.recoveryNeeded() ? "<p>很抱歉没有让您满意，我们的主管会尽快联系您。 · We are sorry: a supervisor will "
        + "contact you soon.</p>" : ""));
  }
}
