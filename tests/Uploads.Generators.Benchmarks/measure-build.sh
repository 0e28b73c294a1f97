#!/usr/bin/env bash
# Part 4 of the benchmarks: `dotnet build` of a consumer project that contains OpenAI's whole document, after a one-line
# C# edit, with and without the generator. Reports the CoreCompile target's time (MSBuild's performance summary) and
# the generators' own time inside it (csc /reportanalyzer).
#
#   tests/Uploads.Generators.Benchmarks/measure-build.sh [--repeat N] [--spec PATH] [--keep]
#
# Two throw-away consumer projects are made in a temp folder (outside the repository, so its Directory.Build.props
# does not apply): "with" references the generator as an analyzer (ProjectReference with OutputItemType=Analyzer, the
# props import, the document as an AdditionalFiles item), "without" is the same project with neither. Each is built
# once (restore + first build), then N times after a one-line edit of its Program.cs. Like the repository's builds,
# these run without the compiler server (UseSharedCompilation=false), so every CoreCompile includes csc's start-up.
# The last lines are machine-readable: `RESULT variant=… step=… corecompile_ms=… build_ms=… generators_ms=…`.
set -euo pipefail

repeat=3
keep=false
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
spec="$repo/../shared/specs/corpus/openai/openapi.yaml"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --repeat) repeat="$2"; shift 2 ;;
    --spec) spec="$2"; shift 2 ;;
    --keep) keep=true; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
if [[ ! -f "$spec" ]]; then
  echo "The document is not at $spec (the shared corpus is absent); pass --spec PATH." >&2
  exit 3
fi
spec="$(cd "$(dirname "$spec")" && pwd)/$(basename "$spec")"

work="$(mktemp -d "${TMPDIR:-/tmp}/uploads-build-bench.XXXXXX")"
cleanup() { if [[ "$keep" == true ]]; then echo "kept $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT
# A build started from `dotnet run` must not inherit the parent's MSBuild state.
unset MSBuildExtensionsPath MSBUILD_EXE_PATH MSBuildSDKsPath MSBuildLoadMicrosoftTargetsReadOnly 2>/dev/null || true
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

make_project() { # $1 = with|without
  local dir="$work/$1"
  mkdir -p "$dir"
  {
    echo '<Project Sdk="Microsoft.NET.Sdk">'
    if [[ "$1" == with ]]; then echo "  <Import Project=\"$repo/generator/build/Uploads.Generators.props\" />"; fi
    cat <<XML
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
    <RootNamespace>Consumer</RootNamespace>
    <UseSharedCompilation>false</UseSharedCompilation>
    <ReportAnalyzer>true</ReportAnalyzer>
    <GenerateDocumentationFile>false</GenerateDocumentationFile>
  </PropertyGroup>
XML
    if [[ "$1" == with ]]; then
      cat <<XML
  <PropertyGroup>
    <DefineConstants>\$(DefineConstants);WITH_GENERATOR</DefineConstants>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$repo/generator/Uploads.Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
    <AdditionalFiles Include="$spec" OpenApiNamespace="Consumer.OpenAI" />
  </ItemGroup>
XML
    fi
    echo '</Project>'
  } > "$dir/Consumer.csproj"
  cat > "$dir/Program.cs" <<'CS'
namespace Consumer;

public static class Program
{
    public static int Main()
    {
        int answer = 42; // the line the edit changes
#if WITH_GENERATOR
        var info = Consumer.OpenAI.OpenAIApiJsonContext.Default.Upload;
        Console.WriteLine(info.Type.Name);
#endif
        Console.WriteLine(Helpers.Describe(answer));
        return 0;
    }
}
CS
  cat > "$dir/Helpers.cs" <<'CS'
namespace Consumer;

internal static class Helpers
{
    public static string Describe(int value) => value switch
    {
        < 0 => "negative",
        0 => "zero",
        _ => "positive: " + value,
    };
}
CS
}

# "1234 ms  CoreCompile   1 calls" in the Target Performance Summary; the sum over projects (the generator's own
# CoreCompile is skipped once it is built).
corecompile_ms() { awk '/Target Performance Summary/{on=1} /Task Performance Summary/{on=0} on && $3=="CoreCompile"{s+=$1} END{printf "%d", s}' "$1"; }
# csc /reportanalyzer: "Total generator execution time: 1.234 seconds." (0 when no generator ran)
# csc /reportanalyzer: "Total generator execution time: 1.234 seconds." and the per-generator rows below it.
generators_ms() { awk '/Total generator execution time:/{printf "%d", $5*1000; exit}' "$1"; }
analyzers_ms() { awk '/Total analyzer execution time:/{printf "%d", $5*1000; exit}' "$1"; }
ours_ms() { awk '$3=="Uploads.Generators.OpenApiGenerator"{v=$1; sub("<","",v); printf "%d", v*1000; exit}' "$1"; }

build() { # $1 = variant, $2 = step, $3.. = extra dotnet build arguments
  local variant="$1" step="$2"; shift 2
  local dir="$work/$variant" log="$work/$variant-$step.log"
  local start end
  start=$(date +%s%N)
  if ! dotnet build "$dir/Consumer.csproj" -c Debug --artifacts-path "$work/artifacts-$variant" -nologo -v:d -clp:PerformanceSummary "$@" > "$log" 2>&1; then
    grep -E 'error|Error' "$log" | head -20 >&2
    echo "build failed: $variant $step (log: $log)" >&2
    keep=true
    exit 1
  fi
  end=$(date +%s%N)
  local cc gen ours analyzers
  cc=$(corecompile_ms "$log"); gen=$(generators_ms "$log"); ours=$(ours_ms "$log"); analyzers=$(analyzers_ms "$log")
  printf 'RESULT variant=%s step=%s corecompile_ms=%s build_ms=%s generators_ms=%s ours_ms=%s analyzers_ms=%s\n' \
    "$variant" "$step" "${cc:-0}" "$(( (end - start) / 1000000 ))" "${gen:-0}" "${ours:-0}" "${analyzers:-0}" | tee -a "$work/results.txt"
}

edit() { # a one-line C# edit: the constant on Program.cs's marked line
  sed -i -E "s/int answer = [0-9]+;/int answer = $((42 + $2));/" "$work/$1/Program.cs"
}

echo "document: $spec ($(wc -c < "$spec") bytes); work folder: $work; $repeat edit build(s) per variant"
for variant in without with; do
  make_project "$variant"
  build "$variant" first
  for i in $(seq 1 "$repeat"); do
    edit "$variant" "$i"
    build "$variant" "edit$i" --no-restore
  done
done

# Median over the edit builds, per variant.
median() { # $1 = variant, $2 = field
  { grep "^RESULT variant=$1 step=edit" "$work/results.txt" || true; } | grep -o "$2=[0-9]*" | cut -d= -f2 | sort -n |
    awk '{v[NR]=$1} END{ if (NR==0) print 0; else if (NR%2) print v[(NR+1)/2]; else printf "%d\n", (v[NR/2]+v[NR/2+1])/2 }'
}
with_cc=$(median with corecompile_ms); without_cc=$(median without corecompile_ms)
with_build=$(median with build_ms); without_build=$(median without build_ms)
echo
echo "After a one-line C# edit (median of $repeat):"
printf '  %-34s %8s ms   (whole dotnet build: %s ms)\n' "CoreCompile without the generator" "$without_cc" "$without_build"
printf '  %-34s %8s ms   (whole dotnet build: %s ms; generators inside csc: %s ms, ours %s ms)\n' "CoreCompile with the generator" "$with_cc" "$with_build" "$(median with generators_ms)" "$(median with ours_ms)"
echo "SUMMARY corecompile_without_ms=$without_cc corecompile_with_ms=$with_cc build_without_ms=$without_build build_with_ms=$with_build generators_ms=$(median with generators_ms) ours_ms=$(median with ours_ms)"
