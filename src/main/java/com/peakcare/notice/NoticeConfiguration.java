package com.peakcare.notice;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

@Configuration
@EnableConfigurationProperties(NoticeProperties.class)
class NoticeConfiguration {

  /** Loaded and checked at start-up: a broken template stops PeakCare here, not at 2 a.m. */
  @Bean
  NoticeTemplates noticeTemplates(ResourceLoader loader, NoticeProperties properties) {
    return new NoticeTemplates(loader, properties.getTemplates(), properties.getTimeZone());
  }
}
