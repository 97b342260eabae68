package com.peakcare.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A tile's CSV: Chinese readable in a spreadsheet, and no cell a spreadsheet would run as a formula. */
class TileCsvTest {

  @Test
  void aCampaignNamedLikeAFormulaStaysText() {
    String csv = TileCsv.csv(List.of(List.of("活动 · Campaign", "名称 · Name", "罚款 · Fines"),
        List.of("C-1", "=HYPERLINK(\"http://evil.example\",\"点我\")", new BigDecimal("-50.00")),
        List.of("C-2", "+1 \"quoted\"", -3)));

    assertThat(csv).startsWith("\uFEFF\"活动 · Campaign\",\"名称 · Name\",\"罚款 · Fines\"\r\n");
    assertThat(csv).contains("\"C-1\",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"点我\"\")\",\"-50.00\"\r\n");
    assertThat(csv).contains("\"C-2\",\"'+1 \"\"quoted\"\"\",\"-3\"\r\n");
  }
}
