package com.peakcare.notice;

import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Days a parcel takes to a province ({@code peakcare.notice.shipping.days}, default
 * {@code peakcare.notice.shipping.default-days}). "广东省", "广东" and "Guangdong" find the same entry when the table
 * has one of them.
 */
@Component
class ShippingTimes {

  private static final String[] SUFFIXES = {"壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区", "自治区", "省", "市"};

  private final NoticeProperties.Shipping config;

  ShippingTimes(NoticeProperties properties) {
    this.config = properties.getShipping();
  }

  int daysTo(String province) {
    if (province == null || province.isBlank()) {
      return config.getDefaultDays();
    }
    String wanted = normalize(province);
    for (Map.Entry<String, Integer> e : config.getDays().entrySet()) {
      if (normalize(e.getKey()).equals(wanted)) {
        return e.getValue();
      }
    }
    return config.getDefaultDays();
  }

  private static String normalize(String province) {
    String p = province.strip().toLowerCase(Locale.ROOT).replace(" province", "");
    for (String suffix : SUFFIXES) {
      if (p.length() > suffix.length() && p.endsWith(suffix)) {
        return p.substring(0, p.length() - suffix.length());
      }
    }
    return p;
  }
}
