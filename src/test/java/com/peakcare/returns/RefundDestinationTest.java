package com.peakcare.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 20: where a refund may go, in its small syntax (ORIGINAL_PAYMENT, ALIPAY:, BANK: with its check digits), and
 * how the customer reads it (masked).
 */
class RefundDestinationTest {

  @ParameterizedTest
  @CsvSource({
      "ORIGINAL_PAYMENT, ORIGINAL_PAYMENT",
      "ALIPAY:13800001111, ALIPAY:13800001111",
      "ALIPAY:Zhang.Wei@Example.com, ALIPAY:zhang.wei@example.com",
      "BANK:6222 0212 3456 7894, BANK:6222021234567894",
      "BANK:4111-1111-1111-1111, BANK:4111111111111111",
      "BANK:DE89 3704 0044 0532 0130 00, BANK:DE89370400440532013000"})
  void theseAreDestinations(String text, String stored) {
    assertThat(RefundDestination.parse(text).code()).isEqualTo(stored);
  }

  @ParameterizedTest
  @ValueSource(strings = {"BANK:6222-0000-UXLEAD", "BANK:6222021234567897", "BANK:12345", "BANK:DE89370400440532013001",
      "ALIPAY:12800001111", "ALIPAY:http://evil.example", "ALIPAY:", "支付宝", "WECHAT:13800001111", "ORIGINAL",
      "https://evil.example/pay", ""})
  void theseAreNot(String text) {
    assertThatThrownBy(() -> RefundDestination.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("·");
  }

  @ParameterizedTest
  @CsvSource({
      "ALIPAY:13800001111, false, 支付宝账户 138****1111",
      "ALIPAY:zhang@example.com, true, the Alipay account z***@example.com",
      "BANK:6222021234567894, false, 尾号 7894 的银行账户",
      "BANK:6222021234567894, true, the bank account ending 7894"})
  void theCustomerReadsItMasked(String code, boolean english, String words) {
    assertThat(RefundDestination.parse(code).describe(english, null)).isEqualTo(words);
  }
}
