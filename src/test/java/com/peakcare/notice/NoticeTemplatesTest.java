package com.peakcare.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;

/** The start-up check of the templates, and how values are written, without Spring. */
class NoticeTemplatesTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private final DefaultResourceLoader loader = new DefaultResourceLoader();

  @Test
  void everyShippedTemplatePassesTheStartUpCheck() {
    NoticeTemplates templates = new NoticeTemplates(loader, "classpath:notices/", SHANGHAI);
    for (NoticeType type : NoticeType.values()) {
      for (String locale : NoticeTemplates.LOCALES) {
        assertThat(templates.template(type, locale).body()).as(type + " " + locale).contains("{customerName}");
      }
    }
  }

  @Test
  void aTemplateWithAPlaceholderNoValueFillsStopsTheStartUp(@TempDir Path dir) throws IOException {
    copyShippedTemplates(dir);
    Path shipping = dir.resolve("SHIPPING.en.txt");
    Files.writeString(shipping, Files.readString(shipping) + " Your parcel is {parcelColour}.");

    assertThatThrownBy(() -> new NoticeTemplates(loader, dir.toUri().toString(), SHANGHAI))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SHIPPING.en.txt")
        .hasMessageContaining("{parcelColour}")
        .hasMessageContaining("not filled by any value of SHIPPING");
  }

  @Test
  void aPlaceholderOfAnotherTypeIsRefusedToo() {
    // {rejectionReason} is a real value, but a REFUND_DONE notice never has one
    String text = "Refund {returnNo}\n\nDear {customerName}, {amount} back to {refundTo}. {rejectionReason}";
    assertThat(NoticeTemplates.problems(NoticeType.REFUND_DONE, text))
        .singleElement().asString().contains("{rejectionReason}");
    assertThat(NoticeTemplates.problems(NoticeType.REJECTED, "Sorry\n\nDear {customerName}: {rejectionReason}"))
        .isEmpty();
  }

  @Test
  void aMissingTemplateOrOneThatDoesNotNameTheCustomerStopsTheStartUp(@TempDir Path dir) throws IOException {
    copyShippedTemplates(dir);
    Files.delete(dir.resolve("SURVEY.en.txt"));
    Files.writeString(dir.resolve("REJECTED.zh-CN.txt"), "售后申请未通过\n\n您好！原因：{rejectionReason}");

    assertThatThrownBy(() -> new NoticeTemplates(loader, dir.toUri().toString(), SHANGHAI))
        .hasMessageContaining("SURVEY.en.txt: missing")
        .hasMessageContaining("REJECTED.zh-CN.txt: does not address the customer by name");
  }

  @Test
  void promisedTimesAreWrittenInBeijingTimeInTheCustomersLanguage() {
    NoticeTemplates templates = new NoticeTemplates(loader, "classpath:notices/", SHANGHAI);
    Map<String, Object> values = new HashMap<>(Map.of(
        "customerName", "王小明", "returnNo", "R-1001", "amount", new BigDecimal("199"), "promisedBy",
        java.util.Date.from(Instant.parse("2026-11-23T10:00:00Z")), "shopName", "PeakCare", "hotline", "400-1"));

    String zh = templates.render(NoticeType.REFUND_CARE, "zh-CN", values).text();
    values.put("customerName", "Alice Smith");
    String en = templates.render(NoticeType.REFUND_CARE, "en", values).text();

    assertThat(zh).startsWith("王小明，您好").contains("2026年11月23日 18:00（北京时间）前").contains("¥199.00");
    assertThat(en).startsWith("Dear Alice Smith").contains("by 23 Nov 2026, 18:00 (Beijing time)").contains("¥199.00");
  }

  @Test
  void renderingWithoutAValueNamesTheMissingValue() {
    NoticeTemplates templates = new NoticeTemplates(loader, "classpath:notices/", SHANGHAI);
    assertThatThrownBy(() -> templates.render(NoticeType.REJECTED, "en",
        Map.of("customerName", "Alice", "returnNo", "R-1", "orderNo", "O-1", "shopName", "S", "hotline", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rejectionReason");
  }

  private void copyShippedTemplates(Path dir) throws IOException {
    for (NoticeType type : NoticeType.values()) {
      for (String locale : NoticeTemplates.LOCALES) {
        String name = NoticeTemplates.fileName(type, locale);
        try (InputStream in = loader.getResource("classpath:notices/" + name).getInputStream()) {
          Files.writeString(dir.resolve(name), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
  }
}
