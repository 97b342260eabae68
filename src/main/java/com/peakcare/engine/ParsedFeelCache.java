package com.peakcare.engine;

import camundajar.impl.scala.collection.immutable.List;
import camundajar.impl.scala.collection.immutable.Map;
import camundajar.impl.scala.runtime.BoxesRunTime;
import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Right;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Arrays;
import java.util.function.Function;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.FeelEngine.Failure;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.context.VariableProvider.CompositeVariableProvider;
import org.camunda.feel.context.VariableProvider.StaticVariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.springframework.stereotype.Component;

/**
 * Parses each FEEL expression of the DMN tables once instead of on every evaluation. Camunda's {@link ScalaFeelEngine}
 * hands the expression text to feel-scala, which parses it every time: the return policy's 66 input entries and
 * its input and output expressions were parsed again for every case opened (9 % of the HTTP threads' CPU in a
 * profile of {@code POST /api/returns}). feel-scala's own string API is exactly "parse, then evaluate the parsed
 * expression"; this engine keeps the parsed expressions (a bounded cache) and does the second half, with the same
 * context and the same errors as Camunda's. Text that does not parse goes to Camunda's path, which reports it.
 */
@Component
public class ParsedFeelCache extends AbstractProcessEnginePlugin {

  /** The FEEL engine this plugin gives the process engine's DMN engine, for a DMN engine of one's own (tests). */
  public static FeelEngineFactory feelEngineFactory(java.util.List<FeelCustomFunctionProvider> functionProviders) {
    return () -> new CachingScalaFeelEngine(functionProviders);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
        ? configuration.getDmnEngineConfiguration()
        : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    if (!configuration.isDmnFeelEnableLegacyBehavior()) {
      // the custom function providers are set on the DMN configuration by the engine before it builds the engine
      dmn.setFeelEngineFactory(() -> new CachingScalaFeelEngine(dmn.getFeelCustomFunctionProviders()));
    }
    configuration.setDmnEngineConfiguration(dmn);
  }

  static final class CachingScalaFeelEngine extends ScalaFeelEngine {

    private final Cache<String, ParsedExpression> unaryTests = Caffeine.newBuilder().maximumSize(10_000).build();
    private final Cache<String, ParsedExpression> expressions = Caffeine.newBuilder().maximumSize(10_000).build();

    CachingScalaFeelEngine(java.util.List<FeelCustomFunctionProvider> functionProviders) {
      super(functionProviders);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T evaluateSimpleExpression(String expression, VariableContext variableContext) {
      ParsedExpression parsed = parsed(expressions, expression, feelEngine::parseExpression);
      if (parsed == null) {
        return super.evaluateSimpleExpression(expression, variableContext);
      }
      CustomContext context = new CustomContext() {
        @Override
        public VariableProvider variableProvider() {
          return new ContextVariableWrapper(variableContext);
        }
      };
      return (T) valueOf(feelEngine.eval(parsed, context));
    }

    @Override
    public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variableContext) {
      ParsedExpression parsed = parsed(unaryTests, expression, feelEngine::parseUnaryTests);
      if (parsed == null) {
        return super.evaluateSimpleUnaryTests(expression, inputVariable, variableContext);
      }
      StaticVariableProvider input = new StaticVariableProvider(new Map.Map1<>(INPUT_VARIABLE_NAME, inputVariable));
      ContextVariableWrapper variables = new ContextVariableWrapper(variableContext);
      CustomContext context = new CustomContext() {
        @Override
        public VariableProvider variableProvider() {
          return new CompositeVariableProvider(scalaList(input, variables));
        }
      };
      return BoxesRunTime.unboxToBoolean(valueOf(feelEngine.eval(parsed, context)));
    }

    private static ParsedExpression parsed(Cache<String, ParsedExpression> cache, String expression,
        Function<String, Either<Failure, ParsedExpression>> parser) {
      ParsedExpression hit = cache.getIfPresent(expression);
      if (hit != null) {
        return hit;
      }
      Either<Failure, ParsedExpression> result = parser.apply(expression);
      if (result instanceof Right<Failure, ParsedExpression> right) {
        cache.put(expression, right.value());
        return right.value();
      }
      return null;
    }

    private static Object valueOf(Either<Failure, Object> result) {
      if (result instanceof Right<Failure, Object> right) {
        return right.value();
      }
      throw LOGGER.evaluationException(((Failure) result.left().get()).message());
    }

    private List<VariableProvider> scalaList(VariableProvider... providers) {
      return toList(Arrays.asList(providers));
    }
  }
}
