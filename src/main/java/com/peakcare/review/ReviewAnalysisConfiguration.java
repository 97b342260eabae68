package com.peakcare.review;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * The analyser, built once at start-up from PeakCare's lexicon ({@code classpath:review/lexicon.txt}) and the shop's
 * own files ({@code peakcare.reviews.lexicon-files}, Spring resource locations such as
 * {@code file:/etc/peakcare/review-words.txt}), read in that order. A file that cannot be read or a line that is wrong
 * stops the start with its name and line: a shop never runs on half a lexicon.
 */
@Configuration(proxyBeanMethods = false)
class ReviewAnalysisConfiguration {

  static final String LEXICON = "classpath:review/lexicon.txt";
  private static final Logger log = LoggerFactory.getLogger(ReviewAnalysisConfiguration.class);

  @Bean
  ReviewAnalyser reviewAnalyser(ResourceLoader resources, ReviewSettings settings) {
    List<String> locations = new ArrayList<>();
    locations.add(LEXICON);
    locations.addAll(settings.lexiconFiles());
    List<ReviewLexicon.Source> sources = new ArrayList<>();
    for (String location : locations) {
      Resource resource = resources.getResource(location);
      try {
        sources.add(new ReviewLexicon.Source(location,
            new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException("review lexicon " + location + " cannot be read", e);
      }
    }
    ReviewLexicon lexicon = ReviewLexicon.read(sources);
    log.info("review lexicon: {} words from {}", lexicon.size(), locations);
    return new ReviewAnalyser(lexicon);
  }
}
