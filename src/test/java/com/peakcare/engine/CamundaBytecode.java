package com.peakcare.engine;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Camunda's compiled engine, read with ArchUnit: the facts PeakCare's engine workarounds rely on are checked where they
 * live, in the bytecode of the Camunda version on the classpath (its sources: camunda-bpm-platform, tag 7.24.0).
 */
public final class CamundaBytecode {

  private CamundaBytecode() {}

  /** Imported once per test JVM: the services, their builders, every command. */
  private static final class Holder {
    static final JavaClasses ENGINE = new ClassFileImporter().importPackages("org.camunda.bpm.engine.impl");
  }

  public static JavaClasses engine() {
    return Holder.ENGINE;
  }

  static JavaClass of(Class<?> type) {
    return type.getName().startsWith("org.camunda.bpm.engine.impl") ? engine().get(type)
        : new ClassFileImporter().importClasses(type).get(type);
  }

  /**
   * Whether a method of the class named {@code from}, or one it calls on the same class (transitively), calls a
   * method or reads or writes a field named {@code to}, of any class.
   */
  static boolean uses(JavaClass owner, String from, String to) {
    Deque<JavaCodeUnit> todo = new ArrayDeque<>();
    owner.getCodeUnits().stream().filter(u -> u.getName().equals(from)).forEach(todo::add);
    Set<JavaCodeUnit> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      JavaCodeUnit unit = todo.pop();
      if (!seen.add(unit)) {
        continue;
      }
      for (JavaAccess<?> call : unit.getAccessesFromSelf()) {
        if (call.getName().equals(to)) {
          return true;
        }
        if (call.getTargetOwner().equals(owner)) {
          owner.getCodeUnits().stream().filter(u -> u.getName().equals(call.getName())).forEach(todo::add);
        }
      }
    }
    return false;
  }

  /** Whether a class file holds the text (a string constant: a statement id, a property name). */
  static boolean classFileMentions(Class<?> type, String text) {
    String resource = type.getName().replace('.', '/') + ".class";
    try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
