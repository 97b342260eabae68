package com.peakcare.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.PeakCareTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@PeakCareTest
class ModelDeploymentTest {

  @Autowired RepositoryService repositoryService;

  @Test
  void everyModelInProcessesAndFormsIsDeployed() throws IOException {
    List<String> deployed = repositoryService.createDeploymentQuery().list().stream()
        .flatMap(d -> repositoryService.getDeploymentResources(d.getId()).stream())
        .map(Resource::getName)
        .toList();
    List<String> models = Stream.concat(files("processes"), files("forms")).toList();
    for (String model : models) {
      assertThat(deployed).as("deployed resources").anyMatch(name -> name.endsWith(model));
    }
    assertThat(deployed).anyMatch(name -> name.endsWith("smoke-one-task.bpmn"));
  }

  private static Stream<String> files(String dir) throws IOException {
    Path root = Path.of(dir);
    if (!Files.isDirectory(root)) {
      return Stream.empty();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.toString().matches(".*\\.(bpmn|dmn|form)$"))
          .map(p -> root.getFileName() + "/" + root.relativize(p).toString().replace('\\', '/'))
          .toList().stream();
    }
  }
}
