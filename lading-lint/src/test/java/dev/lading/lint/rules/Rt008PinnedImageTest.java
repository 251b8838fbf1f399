package dev.lading.lint.rules;

import static dev.lading.lint.ComposeRuleTester.lines;
import static dev.lading.lint.ComposeRuleTester.service;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Rt008PinnedImageTest {
    private final Rt008PinnedImage rule = new Rt008PinnedImage();

    @Test
    void firesOnUntaggedLatestAndMovingTags() {
        assertThat(lines(rule, service("image: nginx"))).containsExactly(3);
        assertThat(lines(rule, service("image: nginx:latest"))).containsExactly(3);
        assertThat(lines(rule, service("image: localhost:5000/team/app"))).containsExactly(3);
        assertThat(lines(rule, service("image: ${REGISTRY}/app"))).containsExactly(3);
        assertThat(lines(rule, service("image: ghcr.io/org/app:stable"))).containsExactly(3);
        assertThat(lines(rule, service("build: .", "image: myapp"))).containsExactly(4);
    }

    @Test
    void silentOnReleasesDigestsBuildsAndVariables() {
        assertThat(lines(rule, service("image: nginx:1.27.3"))).isEmpty();
        assertThat(lines(rule, service("image: nginx@sha256:" + "a".repeat(64)))).isEmpty();
        assertThat(lines(rule, service("image: nginx:latest@sha256:" + "a".repeat(64)))).isEmpty();
        assertThat(lines(rule, service("build: ."))).isEmpty();
        assertThat(lines(rule, service("image: ${IMAGE}"))).isEmpty();
        assertThat(lines(rule, service("image: ghcr.io/org/app:${TAG:-latest}"))).isEmpty();
    }
}
