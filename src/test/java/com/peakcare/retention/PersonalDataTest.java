package com.peakcare.retention;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalDataTest {

  @Test
  void aMobileIsMaskedToItsFirstThreeAndLastFourDigits() {
    assertThat(PersonalData.maskPhone("13812341111")).isEqualTo("138****1111");
    assertThat(PersonalData.maskPhone("+86 138-1234-1111")).isEqualTo("138****1111");
    assertThat(PersonalData.maskPhone("021-6234567")).isEqualTo("021***4567");
    assertThat(PersonalData.maskPhone("12345")).isEqualTo("***45");
    assertThat(PersonalData.maskPhone("")).isEmpty();
    assertThat(PersonalData.maskPhone(null)).isNull();
  }

  @Test
  void textForALogLosesPhonesAndEmailsButKeepsCaseNumbersAndDates() {
    String mail = "MailSendException: Failed messages: SendFailedException: Invalid Addresses "
        + "(SMTPAddressFailedException: 550 5.1.1 <zhang.wei.r-1042@example.com>: user unknown)";
    assertThat(PersonalData.scrub(mail)).doesNotContain("zhang.wei").contains("<e-mail>").contains("550 5.1.1");
    assertThat(PersonalData.scrub("gateway: invalid number 13812341111 for R-20261111"))
        .isEqualTo("gateway: invalid number <phone> for R-20261111");
    assertThat(PersonalData.scrub("to +86 138 1234 1111 and 0086-13912345678 and +44 20 7946 0958"))
        .doesNotContain("1111").doesNotContain("5678").doesNotContain("0958");
    assertThat(PersonalData.scrub("notice O-123456789:REFUND_CARE:1 at 2026-11-11T01:00:00Z, HTTP 503"))
        .isEqualTo("notice O-123456789:REFUND_CARE:1 at 2026-11-11T01:00:00Z, HTTP 503");
  }
}
