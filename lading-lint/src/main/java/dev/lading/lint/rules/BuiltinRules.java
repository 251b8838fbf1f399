package dev.lading.lint.rules;

import dev.lading.lint.Rule;
import java.util.List;

/** Every rule lading ships: lading's LD rules, hadolint's DL rules, then BuildKit's checks. */
public final class BuiltinRules {
    private BuiltinRules() {
    }

    public static List<Rule> all() {
        return List.of(
                new Ld001SyntaxDirective(), new Ld002BuildInFinalStage(), new Ld003NamedStages(), new Ld004PinnedFrom(), new Ld005NonRootUser(),
                new Ld006Secrets(), new Ld007AptGet(), new Ld008ExecForm(), new Ld009NoCd(), new Ld010CopyNotAdd(), new Ld011DependenciesFirst(),
                new Ld012RecursiveChown(), new Ld013Healthcheck(), new Ld014OciLabels(), new Ld015DockerIgnore(), new Ld016ArgScope(), new Ld017PackageCaches(), new Ld018SecretsInRun(), new Ld019AlpineGlibc(), new Ld020InitProcess(), new Ld021CopyEverything(),
                new Ld022CacheFlags(), new Ld023Lockfiles(), new Ld024Workdir(), new Ld025ExposeServer(),
                new Dl3000AbsoluteWorkdir(), new Dl3001PointlessCommands(), new Dl3002LastUserRoot(), new Dl3003Cd(), new Dl3004Sudo(), new Dl3006UntaggedImage(),
                new Dl3007LatestTag(), new Dl3008AptPin(), new Dl3009AptLists(), new Dl3010AddForArchives(), new Dl3011PortRange(), new Dl3012OneHealthcheck(), new Dl3014AptYes(),
                new Dl3015NoInstallRecommends(), new Dl3016NpmPin(), new Dl3018ApkPin(), new Dl3019ApkNoCache(),
                new Dl3020AddForFiles(), new Dl3021CopyDestinationSlash(), new Dl3022CopyFromKnownStage(),
                new Dl3023CopyFromSelf(), new Dl3024UniqueStageNames(), new Dl3025JsonCmd(), new Dl3026TrustedRegistry(),
                new Dl3027NoApt(), new Dl3028GemPin(), new Dl3029FromPlatform(), new Dl3030YumYes(), new Dl3032YumClean(), new Dl3033YumPin(), new Dl3034ZypperYes(),
                new Dl3035ZypperDistUpgrade(), new Dl3036ZypperClean(), new Dl3037ZypperPin(), new Dl3038DnfYes(), new Dl3040DnfClean(), new Dl3041DnfPin(), new Dl3013PipPin(), new Dl3042PipNoCacheDir(), new Dl3044EnvSelfReference(), new Dl3045CopyRelativeDestination(), new Dl3046UseraddLogInit(), new Dl3047WgetProgress(), new Dl3048LabelKey(), new Dl4001WgetOrCurl(), new Dl3049RequiredLabels(), new Dl3055LabelGitHash(), new Dl3056LabelSemver(), new Dl3058LabelEmail(), new Dl3059ConsecutiveRun(), new Dl3060YarnCacheClean(), new Dl3061FromFirst(),
                new Dl1001IgnorePragma(), new Dl3050SuperfluousLabels(), new Dl3051LabelEmpty(),
                new Dl3052LabelUrl(), new Dl3053LabelTime(), new Dl3054LabelSpdx(), new Dl3057HealthcheckMissing(),
                new Dl3062GoInstallPin(), new Dl3063ReservedStageName(), new Dl3064SecretsInArgOrEnv(), new Dl3065RedundantTargetPlatform(), new Dl3066NumericUser(), new Dl3067CopyWholeFilesystem(),
                new Dl4000Maintainer(), new Dl4003OneCmd(), new Dl4004OneEntrypoint(), new Dl4005ShellInstruction(), new Dl4006Pipefail(),
                new ConsistentInstructionCasing(), new DuplicateStageName(), new FromAsCasing(), new LegacyKeyValueFormat(),
                new MaintainerDeprecated(), new ReservedStageName(), new StageNameCasing(),
                new JsonArgsRecommended(), new UndefinedVar(), new UndefinedArgInFrom(),
                new MultipleInstructionsDisallowed(), new WorkdirRelativePath(), new SecretsUsedInArgOrEnv(), new CopyIgnoredFile(), new InvalidDefaultArgInFrom(),
                new NoEmptyContinuation(), new RedundantTargetPlatform(), new FromPlatformFlagConstDisallowed(),
                new InvalidDefinitionDescription(), new ExposeProtoCasing(), new ExposeInvalidFormat(),
                new InvalidBaseImagePlatform());
    }
}
