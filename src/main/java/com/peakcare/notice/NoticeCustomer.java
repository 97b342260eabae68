package com.peakcare.notice;

/** Who gets a notice: real name, phone (SMS), e-mail (nullable), locale ("zh-CN" default or "en"), province. */
public record NoticeCustomer(String name, String phone, String email, String locale, String province) {

  public static final String ZH_CN = "zh-CN";
  public static final String EN = "en";

  /** The locale the notice is written in: "en" for any English locale, else Chinese. */
  public String noticeLocale() {
    return locale != null && locale.toLowerCase(java.util.Locale.ROOT).startsWith("en") ? EN : ZH_CN;
  }
}
