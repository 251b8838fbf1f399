package dev.lading.dockerfile;

import static dev.lading.dockerfile.ParserTestSupport.error;
import static dev.lading.dockerfile.ParserTestSupport.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunMountTest {

    private static Mount mount(String spec) {
        Run r = only("FROM a\nRUN --mount=" + spec + " true\n", Run.class);
        assertThat(r.mounts()).hasSize(1);
        return r.mounts().get(0);
    }

    @Test
    void cacheMountWithEveryOption() {
        Mount m = mount("type=cache,id=apt,target=/var/cache/apt,sharing=locked,mode=0755,uid=1000,gid=1000,from=base,source=/src");
        assertThat(m.type()).isEqualTo("cache");
        assertThat(m.id()).contains("apt");
        assertThat(m.target()).contains("/var/cache/apt");
        assertThat(m.sharing()).contains("locked");
        assertThat(m.mode()).contains("0755");
        assertThat(m.uid()).contains("1000");
        assertThat(m.from()).contains("base");
        assertThat(m.source()).contains("/src");
        assertThat(m.readOnly()).isFalse();
        assertThat(m.range()).isEqualTo(SourceRange.of(2, 5, 2, 117));
    }

    @Test
    void bindIsTheDefaultTypeAndReadOnlyByDefault() {
        Mount m = mount("target=/src,src=.");
        assertThat(m.type()).isEqualTo("bind");
        assertThat(m.readOnly()).isTrue();
        assertThat(m.source()).contains(".");
        assertThat(mount("type=bind,dst=/x,rw").readOnly()).isFalse();
        assertThat(mount("type=bind,destination=/x,readwrite=true").readOnly()).isFalse();
        assertThat(mount("type=cache,target=/x,ro").readOnly()).isTrue();
        assertThat(mount("type=cache,target=/x,readonly=1").readOnly()).isTrue();
    }

    @Test
    void keysAndTypeAreCaseInsensitive() {
        Mount m = mount("Type=TMPFS,Target=/tmp,SIZE=64m");
        assertThat(m.type()).isEqualTo("tmpfs");
        assertThat(m.size()).contains("64m");
    }

    @Test
    void secretAndSshMounts() {
        Mount s = mount("type=secret,id=npmrc,target=/root/.npmrc,required");
        assertThat(s.type()).isEqualTo("secret");
        assertThat(s.required()).isTrue();
        assertThat(s.readOnly()).isTrue();
        Mount env = mount("type=secret,id=token,env=TOKEN");
        assertThat(env.env()).contains("TOKEN");
        assertThat(mount("type=ssh").type()).isEqualTo("ssh");
        assertThat(mount("type=ssh,required=false").required()).isFalse();
    }

    @Test
    void quotedCsvFieldsMayHoldCommas() {
        // the flag scanner removes plain quotes, so CSV quoting needs escaped quotes, as in BuildKit
        Mount m = mount("type=bind,\\\"target=/a,b\\\"");
        assertThat(m.target()).contains("/a,b");
    }

    @Test
    void severalMountsInOrder() {
        Run r = only("FROM a\nRUN --mount=type=cache,target=/a --mount=type=secret,id=s make\n", Run.class);
        assertThat(r.mounts()).extracting(Mount::type).containsExactly("cache", "secret");
    }

    @Test
    void valuesWithVariablesAreKeptForLaterExpansion() {
        Mount m = mount("type=$T,target=/x,uid=$UID");
        assertThat(m.type()).isEqualTo("$T");
        assertThat(m.uid()).contains("$UID");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "type=cache,target=/x,colour=red|invalid --mount: unexpected key 'colour' in 'colour=red'",
            "type=volume,target=/x|invalid --mount: unsupported mount type \"volume\"",
            "type=cache,target=/x,sharing=everyone|invalid --mount: unsupported sharing value \"everyone\"",
            "type=cache,target=/x,mode=999|invalid --mount: invalid value 999 for mode",
            "type=cache,target=/x,uid=-1|invalid --mount: invalid value -1 for uid",
            "type=bind,target=/x,mode=0644|invalid --mount: mode not allowed for \"bind\" type mounts",
            "type=bind,target=/x,sharing=shared|invalid --mount: invalid cache sharing set for bind mount",
            "type=cache,target=/x,required|invalid --mount: unexpected key 'required' for mount type 'cache'",
            "type=secret|invalid --mount: invalid secret mount. one of source, target required",
            "type=secret,id=a,from=b|invalid --mount: secret mount should not have a from",
            "type=secret,id=a,source=b|invalid --mount: both source and id can't be set",
            "type=cache,target=/x,bogus|invalid --mount: invalid field 'bogus' must be a key=value pair",
            "type=cache,target=/x,ro=maybe|invalid --mount: invalid value for ro: maybe",
            "type=bind,tar\\\"get=/x|invalid --mount: failed to parse csv mounts: bare \" in non-quoted-field",
            "type=bind,from=$IMG,target=/x|invalid --mount: 'from' doesn't support variable expansion, define alias stage instead",
    })
    void invalidMounts(String spec, String problem) {
        DockerfileParseException e = error("FROM a\nRUN --mount=" + spec + " true\n");
        assertThat(e.problem()).isEqualTo(problem);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(5);
        assertThat(e.hint()).isNotBlank();
    }

    @Test
    void misspeltKeyGetsASuggestion() {
        assertThat(error("FROM a\nRUN --mount=type=cache,targte=/x true\n").hint()).contains("did you mean target?");
        assertThat(error("FROM a\nRUN --mount=type=cahce,target=/x true\n").hint()).contains("did you mean cache?");
    }

    @Test
    void aMountWithoutTargetIsAcceptedAsInBuildKit() {
        assertThat(mount("type=cache").target()).isEmpty();
    }

    @Test
    void fromMayEndWithALiteralDollar() {
        assertThat(mount("type=bind,from=odd$,target=/x").from()).contains("odd$");
    }

    @Test
    void devicesAreRepeatable() {
        Run r = only("FROM a\nRUN --device=vendor.com/gpu=all --device=other,required nvidia-smi\n", Run.class);
        assertThat(r.devices()).containsExactly("vendor.com/gpu=all", "other,required");
    }

    @Test
    void emptyMountValueIsAnError() {
        assertThat(error("FROM a\nRUN --mount= true\n").problem()).isEqualTo("invalid --mount: failed to parse csv mounts: EOF");
    }

    @Test
    void mountFlagValueWithoutEqualsIsMissingValue() {
        assertThat(error("FROM a\nRUN --mount type=cache true\n").problem()).isEqualTo("missing a value on flag: --mount");
        assertThat(Optional.of(1)).isPresent();
    }
}
