using Uploads.Generators.Tests.Infrastructure;
using Xunit;

namespace Uploads.Generators.Tests.Composition;

/// <summary>oneOf/anyOf and 3.1 type arrays: discriminated and untagged unions, compiled and run.</summary>
public class UnionTests
{
    private const string Spec = """
        openapi: 3.1.0
        info: { title: Shapes, version: "1" }
        paths: {}
        components:
          schemas:
            Pet:
              oneOf:
                - $ref: '#/components/schemas/Dog'
                - $ref: '#/components/schemas/Cat'
              discriminator:
                propertyName: pet_type
                mapping:
                  doggo: '#/components/schemas/Dog'
            Dog:
              type: object
              required: [pet_type, bark]
              properties:
                pet_type: { type: string }
                bark: { type: boolean }
            Cat:
              type: object
              required: [pet_type, lives]
              properties:
                pet_type: { type: string, const: Cat }
                lives: { type: integer, format: int32 }
            Id:
              oneOf:
                - type: string
                - type: integer
            Shelter:
              type: object
              properties:
                resident: { $ref: '#/components/schemas/Pet' }
                code: { type: [string, integer, 'null'] }
                tags:
                  type: array
                  items:
                    anyOf:
                      - type: string
                      - $ref: '#/components/schemas/Label'
                id: { $ref: '#/components/schemas/Id' }
            Label:
              type: object
              required: [lives]
              properties:
                lives: { type: integer, format: int32 }
            Car:
              type: object
              properties:
                kind: { type: string, const: car }
                seats: { type: integer, format: int32 }
            Bike:
              type: object
              properties:
                kind: { type: string, const: bike }
            Vehicle:
              oneOf: [ { $ref: '#/components/schemas/Car' }, { $ref: '#/components/schemas/Bike' } ]
              discriminator: { propertyName: kind }
            Parked:
              oneOf: [ { $ref: '#/components/schemas/Car' }, { $ref: '#/components/schemas/Bike' } ]
              discriminator: { propertyName: kind }
            Json:
              oneOf:
                - type: string
                - type: number
                - type: array
                  items: { $ref: '#/components/schemas/Json' }
        """;

    private const string Driver = """
        using System.Linq;
        using System.Text.Json;
        using Test.Api;

        public static class UnionDriver
        {
            private static readonly JsonSerializerOptions Options = new() { TypeInfoResolver = ShapesJsonContext.Default };

            public static string RoundTrip(string json) => JsonSerializer.Serialize(JsonSerializer.Deserialize<Shelter>(json, Options)!, Options);

            public static string Describe(string json)
            {
                var shelter = JsonSerializer.Deserialize<Shelter>(json, Options)!;
                string resident = shelter.Resident switch
                {
                    null => "none",
                    Dog dog => "dog barks=" + dog.Bark,
                    Cat cat => "cat lives=" + cat.Lives,
                    _ => "other",
                };
                string code = shelter.Code is null ? "none" : shelter.Code.IsString ? "string " + shelter.Code.AsString : "integer " + shelter.Code.AsInt64;
                string tags = shelter.Tags is null ? "none" : string.Join(",", shelter.Tags.Select(t => t.IsString ? "s:" + t.AsString : "cat:" + t.AsLabel!.Lives));
                string id = shelter.Id is null ? "none" : shelter.Id.IsString ? "s:" + shelter.Id.AsString : "i:" + shelter.Id.AsInt64;
                return $"{resident}|{code}|{tags}|{id}";
            }

            public static string Build()
            {
                Id id = 42L;
                Pet pet = new Cat { PetType = "Cat", Lives = 9 };
                var shelter = new Shelter { Resident = pet, Id = id, Code = "A-1" };
                return JsonSerializer.Serialize(shelter, Options);
            }

            public static string Vehicles(string json)
            {
                var vehicle = JsonSerializer.Deserialize<Vehicle>(json, Options)!;
                var parked = JsonSerializer.Deserialize<Parked>(json, Options)!;
                return (vehicle.IsCar ? "car " + vehicle.AsCar!.Seats : "bike") + "|" + (parked.IsCar ? "car" : "bike") + "|" + JsonSerializer.Serialize(vehicle, Options);
            }

            public static string Recursive(string json) => JsonSerializer.Serialize(JsonSerializer.Deserialize<Json>(json, Options)!, Options);
        }
        """;

    private static readonly Lazy<RuntimeCompilation> Compiled = new(() =>
        RuntimeCompilation.Compile(new SpecFile("/specs/shapes.yaml", Spec), "UnionDriver", "UnionTests", Driver));

    [Theory]
    [InlineData("""{"resident":{"pet_type":"doggo","bark":true}}""", "dog barks=True|none|none|none")]
    [InlineData("""{"resident":{"pet_type":"Cat","lives":7},"code":12,"tags":["a",{"lives":3}],"id":"x"}""", "cat lives=7|integer 12|s:a,cat:3|s:x")]
    [InlineData("""{"code":"C-3","id":5}""", "none|string C-3|none|i:5")]
    public void BranchesArePickedByDiscriminatorOrByShape(string json, string expected)
    {
        Assert.Equal(expected, Compiled.Value.CallString("Describe", json));
    }

    [Theory]
    [InlineData("""{"resident":{"pet_type":"doggo","bark":false},"code":null,"tags":[{"lives":1},"b"],"id":7}""")]
    [InlineData("""{"resident":{"pet_type":"Cat","lives":2},"code":"z","id":"y"}""")]
    public void UnionsRoundTrip(string json)
    {
        string written = Compiled.Value.CallString("RoundTrip", json);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(json.Replace("\"code\":null,", "")), System.Text.Json.Nodes.JsonNode.Parse(written)), written);
    }

    [Fact]
    public void UnionsAreBuiltWithImplicitConversions()
    {
        Assert.Equal("""{"resident":{"pet_type":"Cat","lives":9},"code":"A-1","id":42}""", Compiled.Value.CallString("Build"));
    }

    [Fact]
    public void ADiscriminatedUnionWithExclusiveBranchesIsAnAbstractBaseRecord()
    {
        var pet = Compiled.Value.Type("Test.Api.Pet");
        Assert.True(pet.IsAbstract);
        Assert.Equal(pet, Compiled.Value.Type("Test.Api.Dog").BaseType);
        Assert.Equal(pet, Compiled.Value.Type("Test.Api.Cat").BaseType);
    }

    [Theory]
    [InlineData("""{"kind":"car","seats":4}""", "car 4|car|{\"kind\":\"car\",\"seats\":4}")]
    [InlineData("""{"kind":"bike"}""", "bike|bike|{\"kind\":\"bike\"}")]
    public void BranchesSharedByTwoUnionsAreWrappedInsteadOfDerived(string json, string expected)
    {
        Assert.False(Compiled.Value.Type("Test.Api.Vehicle").IsAbstract);
        Assert.Equal(typeof(object), Compiled.Value.Type("Test.Api.Car").BaseType);
        Assert.Equal(expected, Compiled.Value.CallString("Vehicles", json));
    }

    [Fact]
    public void RecursiveUnionsReadAndWrite()
    {
        Assert.Equal("""["a",[1,["b"]],2.5]""", Compiled.Value.CallString("Recursive", """["a",[1,["b"]],2.5]"""));
    }

    [Theory]
    [InlineData("""{"resident":{"pet_type":"bird"}}""", "'bird' is not a known 'pet_type' of Pet")]
    [InlineData("""{"resident":{"bark":true}}""", "discriminator 'pet_type' of Pet is missing")]
    [InlineData("""{"id":true}""", "matches none of the branches of Id")]
    public void UnmatchedValuesAreJsonExceptionsNamingTheUnion(string json, string message)
    {
        var exception = Assert.ThrowsAny<System.Text.Json.JsonException>(() => Compiled.Value.Call("Describe", json));
        Assert.Contains(message, exception.Message);
    }

    [Fact]
    public void NoUnionIsReportedAsUnsupported()
    {
        Assert.DoesNotContain(Compiled.Value.Generator.GeneratorDiagnostics, d => d.Id == "OAG008");
    }
}
