package com.peakcare.review;

import com.peakcare.engine.gate.Actor;
import com.peakcare.engine.gate.Refusal;
import com.peakcare.engine.gate.StartDoor;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Nobody starts the review feature's processes through the engine by hand (Tasklist, {@code /engine-rest}): a review
 * cycle opens by its timer or through {@link ReviewCycles} (the API, the meeting page), which writes its record first;
 * a serious review is opened by PeakCare as the review arrives.
 */
@Configuration(proxyBeanMethods = false)
class ReviewStartDoors {

  @Bean
  StartDoor reviewCycleStartDoor() {
    return refusing(ReviewCycleProcess.KEY, "评价例会每周自动开启；大促后请在评价例会页面或用 POST /api/review-cycles 开启 · "
        + "A review cycle opens every week by itself; after a big sale a supervisor opens one on the review meeting "
        + "page or with POST /api/review-cycles");
  }

  @Bean
  StartDoor seriousReviewStartDoor() {
    return refusing(SeriousReviewProcess.KEY, "严重差评在评价到达时自动交给售后，不能手动发起 · A serious review is handed "
        + "to after-sales when it arrives; it cannot be started by hand");
  }

  private static StartDoor refusing(String key, String why) {
    return new StartDoor() {
      @Override
      public String processKey() {
        return key;
      }

      @Override
      public ProcessInstanceWithVariables start(Map<String, Object> values, String businessKey, Actor actor) {
        throw Refusal.forbidden(why);
      }
    };
  }
}
