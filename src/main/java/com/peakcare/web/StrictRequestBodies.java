package com.peakcare.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's JSON reader refuses unknown fields of the request bodies marked {@link RefuseUnknownFields} (every other
 * body keeps Jackson's lenient default): answered by {@link ApiProblems} as a 400 naming the field.
 */
@Configuration
class StrictRequestBodies {

  @Bean
  Jackson2ObjectMapperBuilderCustomizer refuseUnknownFields() {
    return builder -> builder.postConfigurer(mapper -> mapper.addHandler(new Handler()));
  }

  static final class Handler extends DeserializationProblemHandler {
    @Override
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
        Object beanOrClass, String propertyName) throws IOException {
      Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass == null ? null : beanOrClass.getClass();
      if (type != null && type.isAnnotationPresent(RefuseUnknownFields.class)) {
        throw UnrecognizedPropertyException.from(p, beanOrClass, propertyName,
            deserializer == null ? null : deserializer.getKnownPropertyNames());
      }
      return false;
    }
  }
}
