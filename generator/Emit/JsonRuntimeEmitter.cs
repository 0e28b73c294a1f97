namespace Uploads.Generators.Emit;

/// <summary>
/// Helpers every generated converter calls, emitted once per compilation (not per type or document) so the
/// generated code stays compact. Internal, BCL-only.
/// </summary>
public static class JsonRuntimeEmitter
{
    public const string HintName = "Uploads.Generators.Runtime.OpenApiJson.g.cs";

    public static string Emit() => GeneratedFile.Start("Uploads.Generators.Runtime").ToString() + Body;

    private const string Body = """
        /// <summary>Reads a value at the reader's current token.</summary>
        internal delegate T OpenApiJsonReader<T>(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options);

        /// <summary>Writes a non-null value.</summary>
        internal delegate void OpenApiJsonWriter<T>(global::System.Text.Json.Utf8JsonWriter writer, T value, global::System.Text.Json.JsonSerializerOptions options);

        /// <summary>Shared, reflection-free reading and writing for generated converters.</summary>
        [global::System.CodeDom.Compiler.GeneratedCode("Uploads.Generators", "0.1.0")]
        internal static class OpenApiJson
        {
            private const string DetailKey = "Uploads.Generators.Detail";
            private const string PathKey = "Uploads.Generators.Path";

            public static global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> CreateTypeInfo<T>(global::System.Text.Json.JsonSerializerOptions options, global::System.Text.Json.Serialization.JsonConverter<T> converter) =>
                global::System.Text.Json.Serialization.Metadata.JsonMetadataServices.CreateValueInfo<T>(options, converter);

            // Options for standalone type infos: an empty resolver, so nothing ever falls back to reflection.
            private static readonly global::System.Text.Json.JsonSerializerOptions s_standaloneOptions = new()
            {
                TypeInfoResolver = global::System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(),
            };

            /// <summary>
            /// What a context's lookup compares with its types: T of a <c>List&lt;T&gt;</c> or <c>IReadOnlyList&lt;T&gt;</c>
            /// (<paramref name="list"/> 1 or 2), else <paramref name="type"/> itself (0).
            /// </summary>
            public static global::System.Type ElementOf(global::System.Type type, out int list)
            {
                list = 0;
                if (type.IsGenericType && !type.IsGenericTypeDefinition)
                {
                    var definition = type.GetGenericTypeDefinition();
                    if (definition == typeof(global::System.Collections.Generic.List<>)) list = 1;
                    else if (definition == typeof(global::System.Collections.Generic.IReadOnlyList<>)) list = 2;
                    if (list != 0) return type.GetGenericArguments()[0];
                }
                return type;
            }

            /// <summary>Which of a large context's lookup methods has <paramref name="type"/>: FNV-1a of its name, as the generator computed it.</summary>
            public static int LookupMethodOf(global::System.Type type, int methods)
            {
                uint hash = 2166136261;
                foreach (char c in type.Name) hash = unchecked((hash ^ c) * 16777619);
                return (int)(hash % (uint)methods);
            }

            /// <summary>Metadata for <typeparamref name="T"/> (<paramref name="list"/> 0), <c>List&lt;T&gt;</c> (1) or <c>IReadOnlyList&lt;T&gt;</c> (2).</summary>
            public static global::System.Text.Json.Serialization.Metadata.JsonTypeInfo CreateTypeInfo<T, TConverter>(int list, global::System.Text.Json.JsonSerializerOptions options, OpenApiJsonReader<T> read, OpenApiJsonWriter<T> write)
                where TConverter : global::System.Text.Json.Serialization.JsonConverter<T>, new() => list switch
            {
                0 => CreateTypeInfo(options, new TConverter()),
                1 => CreateTypeInfo(options, new ListConverter<global::System.Collections.Generic.List<T>, T>(read, write)),
                _ => CreateTypeInfo(options, new ListConverter<global::System.Collections.Generic.IReadOnlyList<T>, T>(read, write)),
            };

            /// <summary>Metadata for any generated read/write pair (request and response bodies of any shape).</summary>
            public static global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> CreateTypeInfo<T>(OpenApiJsonReader<T> read, OpenApiJsonWriter<T> write) =>
                global::System.Text.Json.Serialization.Metadata.JsonMetadataServices.CreateValueInfo<T>(s_standaloneOptions, new DelegateConverter<T>(read, write));

            public static void ExpectStartObject(ref global::System.Text.Json.Utf8JsonReader reader, string typeName)
            {
                if (reader.TokenType != global::System.Text.Json.JsonTokenType.StartObject) throw Unexpected(ref reader, "an object (" + typeName + ")");
            }

            public static void ExpectString(ref global::System.Text.Json.Utf8JsonReader reader, string typeName)
            {
                if (reader.TokenType != global::System.Text.Json.JsonTokenType.String) throw Unexpected(ref reader, "a string (" + typeName + ")");
            }

            /// <summary>Moves to the next property name of the current object; false at its end.</summary>
            public static bool NextProperty(ref global::System.Text.Json.Utf8JsonReader reader)
            {
                reader.Read();
                return reader.TokenType == global::System.Text.Json.JsonTokenType.PropertyName;
            }

            /// <summary>A string that is usually <paramref name="expected"/> (a const such as "upload"): that instance, no allocation.</summary>
            public static string ReadString(ref global::System.Text.Json.Utf8JsonReader reader, string expected) =>
                reader.TokenType == global::System.Text.Json.JsonTokenType.String && reader.ValueTextEquals(expected) ? expected : ReadString(ref reader);

            public static string ReadString(ref global::System.Text.Json.Utf8JsonReader reader)
            {
                if (reader.TokenType != global::System.Text.Json.JsonTokenType.String) throw Unexpected(ref reader, "a string");
                return reader.GetString()!;
            }

            public static int ReadInt32(ref global::System.Text.Json.Utf8JsonReader reader)
            {
                ExpectNumber(ref reader);
                if (!reader.TryGetInt32(out int value)) throw OutOfRange(ref reader, "Int32");
                return value;
            }

            public static long ReadInt64(ref global::System.Text.Json.Utf8JsonReader reader)
            {
                ExpectNumber(ref reader);
                if (!reader.TryGetInt64(out long value)) throw OutOfRange(ref reader, "Int64");
                return value;
            }

            public static float ReadSingle(ref global::System.Text.Json.Utf8JsonReader reader)
            {
                ExpectNumber(ref reader);
                if (!reader.TryGetSingle(out float value) || float.IsInfinity(value)) throw OutOfRange(ref reader, "Single");
                return value;
            }

            public static double ReadDouble(ref global::System.Text.Json.Utf8JsonReader reader)
            {
                ExpectNumber(ref reader);
                if (!reader.TryGetDouble(out double value) || double.IsInfinity(value)) throw OutOfRange(ref reader, "Double");
                return value;
            }

            public static bool ReadBoolean(ref global::System.Text.Json.Utf8JsonReader reader) => reader.TokenType switch
            {
                global::System.Text.Json.JsonTokenType.True => true,
                global::System.Text.Json.JsonTokenType.False => false,
                _ => throw Unexpected(ref reader, "true or false"),
            };

            public static global::System.DateTimeOffset ReadDateTimeOffset(ref global::System.Text.Json.Utf8JsonReader reader)
            {
                if (reader.TokenType != global::System.Text.Json.JsonTokenType.String) throw Unexpected(ref reader, "a date-time string");
                if (!reader.TryGetDateTimeOffset(out var value)) throw Error("The value is not an ISO 8601 date-time.");
                return value;
            }

            public static global::System.DateTimeOffset ReadUnixTime(ref global::System.Text.Json.Utf8JsonReader reader)
            {
                ExpectNumber(ref reader);
                if (!reader.TryGetInt64(out long seconds) || seconds < -62135596800L || seconds > 253402300799L) throw OutOfRange(ref reader, "Unix time in seconds");
                return global::System.DateTimeOffset.FromUnixTimeSeconds(seconds);
            }

            public static void WriteUnixTime(global::System.Text.Json.Utf8JsonWriter writer, global::System.DateTimeOffset value) =>
                writer.WriteNumberValue(value.ToUnixTimeSeconds());

            public static global::System.DateOnly ReadDateOnly(ref global::System.Text.Json.Utf8JsonReader reader)
            {
                if (reader.TokenType != global::System.Text.Json.JsonTokenType.String) throw Unexpected(ref reader, "a date string");
                if (!global::System.DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", global::System.Globalization.CultureInfo.InvariantCulture, global::System.Globalization.DateTimeStyles.None, out var value))
                {
                    throw Error("The value is not a yyyy-MM-dd date.");
                }
                return value;
            }

            public static void WriteDateOnly(global::System.Text.Json.Utf8JsonWriter writer, global::System.DateOnly value) =>
                writer.WriteStringValue(value.ToString("yyyy-MM-dd", global::System.Globalization.CultureInfo.InvariantCulture));

            public static global::System.Guid ReadGuid(ref global::System.Text.Json.Utf8JsonReader reader)
            {
                if (reader.TokenType != global::System.Text.Json.JsonTokenType.String) throw Unexpected(ref reader, "a uuid string");
                if (!reader.TryGetGuid(out var value)) throw Error("The value is not a uuid.");
                return value;
            }

            public static byte[] ReadBytes(ref global::System.Text.Json.Utf8JsonReader reader)
            {
                if (reader.TokenType != global::System.Text.Json.JsonTokenType.String) throw Unexpected(ref reader, "a base64 string");
                if (!reader.TryGetBytesFromBase64(out var value)) throw Error("The value is not base64.");
                return value;
            }

            public static global::System.Text.Json.JsonElement ReadAny(ref global::System.Text.Json.Utf8JsonReader reader) =>
                global::System.Text.Json.JsonElement.ParseValue(ref reader);

            public static global::System.Collections.Generic.List<T> ReadList<T>(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options, OpenApiJsonReader<T> readItem)
            {
                if (reader.TokenType != global::System.Text.Json.JsonTokenType.StartArray) throw Unexpected(ref reader, "an array");
                var list = new global::System.Collections.Generic.List<T>();
                while (true)
                {
                    reader.Read();
                    if (reader.TokenType == global::System.Text.Json.JsonTokenType.EndArray) return list;
                    try
                    {
                        list.Add(readItem(ref reader, options));
                    }
                    catch (global::System.Text.Json.JsonException exception)
                    {
                        throw WithPath(exception, list.Count);
                    }
                }
            }

            public static void WriteList<T>(global::System.Text.Json.Utf8JsonWriter writer, global::System.Collections.Generic.IReadOnlyList<T> list, global::System.Text.Json.JsonSerializerOptions options, OpenApiJsonWriter<T> writeItem)
            {
                writer.WriteStartArray();
                for (int i = 0; i < list.Count; i++) writeItem(writer, list[i], options);
                writer.WriteEndArray();
            }

            public static global::System.Collections.Generic.Dictionary<string, T> ReadMap<T>(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options, OpenApiJsonReader<T> readValue)
            {
                ExpectStartObject(ref reader, "map");
                var map = new global::System.Collections.Generic.Dictionary<string, T>(global::System.StringComparer.Ordinal);
                while (NextProperty(ref reader))
                {
                    string key = reader.GetString()!;
                    reader.Read();
                    try
                    {
                        map[key] = readValue(ref reader, options);
                    }
                    catch (global::System.Text.Json.JsonException exception)
                    {
                        throw WithPath(exception, key);
                    }
                }
                return map;
            }

            public static void WriteMap<T>(global::System.Text.Json.Utf8JsonWriter writer, global::System.Collections.Generic.IReadOnlyDictionary<string, T> map, global::System.Text.Json.JsonSerializerOptions options, OpenApiJsonWriter<T> writeValue)
            {
                writer.WriteStartObject();
                foreach (var pair in map)
                {
                    writer.WritePropertyName(pair.Key);
                    writeValue(writer, pair.Value, options);
                }
                writer.WriteEndObject();
            }

            /// <summary>The string value of a discriminator property, read from a copy of the reader (the original stays put).</summary>
            public static string? PeekDiscriminator(global::System.Text.Json.Utf8JsonReader reader, string propertyName)
            {
                if (reader.TokenType != global::System.Text.Json.JsonTokenType.StartObject) return null;
                while (reader.Read() && reader.TokenType == global::System.Text.Json.JsonTokenType.PropertyName)
                {
                    bool match = reader.ValueTextEquals(propertyName);
                    reader.Read();
                    if (match) return reader.TokenType == global::System.Text.Json.JsonTokenType.String ? reader.GetString() : null;
                    reader.Skip();
                }
                return null;
            }

            public static global::System.Text.Json.JsonException UnknownDiscriminator(string typeName, string propertyName, string? value) =>
                Error(value is null
                    ? "The discriminator '" + propertyName + "' of " + typeName + " is missing or not a string."
                    : "'" + value + "' is not a known '" + propertyName + "' of " + typeName + ".");

            public static global::System.Text.Json.JsonException NoMatchingBranch(string typeName, global::System.Text.Json.JsonTokenType token) =>
                Error("The value (" + Describe(token) + ") matches none of the branches of " + typeName + ".");

            public static global::System.Text.Json.JsonException MissingProperty(string typeName, string propertyName) =>
                Error("The required property '" + propertyName + "' of " + typeName + " is missing.");

            public static global::System.Text.Json.JsonException UnknownEnumValue(string enumName, string? value) =>
                Error("'" + value + "' is not a value of " + enumName + ".");

            public static global::System.ArgumentOutOfRangeException UndefinedEnumValue(string enumName, int value) =>
                new("value", value, "Not a defined value of " + enumName + ".");

            /// <summary>Adds one JSON path segment (a property name) in front of the path the exception already carries.</summary>
            public static global::System.Text.Json.JsonException WithPath(global::System.Text.Json.JsonException inner, string propertyName)
            {
                bool simple = propertyName.Length > 0;
                foreach (char c in propertyName) simple &= char.IsLetterOrDigit(c) || c == '_';
                return Prepend(inner, simple ? "." + propertyName : "['" + propertyName.Replace("\\", "\\\\").Replace("'", "\\'") + "']");
            }

            private static global::System.Text.Json.JsonException WithPath(global::System.Text.Json.JsonException inner, int index) =>
                Prepend(inner, "[" + index.ToString(global::System.Globalization.CultureInfo.InvariantCulture) + "]");

            private static global::System.Text.Json.JsonException Prepend(global::System.Text.Json.JsonException inner, string segment)
            {
                string detail = inner.Data[DetailKey] as string ?? inner.Message;
                string path = segment + (inner.Data[PathKey] as string ?? "");
                return Error(detail, path, inner.InnerException ?? (inner.Data[DetailKey] is null ? inner : null));
            }

            private static void ExpectNumber(ref global::System.Text.Json.Utf8JsonReader reader)
            {
                if (reader.TokenType != global::System.Text.Json.JsonTokenType.Number) throw Unexpected(ref reader, "a number");
            }

            private static global::System.Text.Json.JsonException Unexpected(ref global::System.Text.Json.Utf8JsonReader reader, string expected) =>
                Error("Expected " + expected + " but found " + Describe(reader.TokenType) + ".");

            private static global::System.Text.Json.JsonException OutOfRange(ref global::System.Text.Json.Utf8JsonReader reader, string target) =>
                Error("The number " + global::System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? global::System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray()) + " does not fit " + target + ".");

            private static string Describe(global::System.Text.Json.JsonTokenType token) => token switch
            {
                global::System.Text.Json.JsonTokenType.StartObject => "an object",
                global::System.Text.Json.JsonTokenType.StartArray => "an array",
                global::System.Text.Json.JsonTokenType.String => "a string",
                global::System.Text.Json.JsonTokenType.Number => "a number",
                global::System.Text.Json.JsonTokenType.True or global::System.Text.Json.JsonTokenType.False => "a boolean",
                global::System.Text.Json.JsonTokenType.Null => "null",
                _ => token.ToString(),
            };

            private static global::System.Text.Json.JsonException Error(string detail, string path = "", global::System.Exception? inner = null)
            {
                var exception = new global::System.Text.Json.JsonException(detail + " Path: $" + path + ".", "$" + path, null, null, inner);
                exception.Data[DetailKey] = detail;
                exception.Data[PathKey] = path;
                return exception;
            }

            /// <summary>A converter made of a generated read/write pair.</summary>
            public sealed class DelegateConverter<T> : global::System.Text.Json.Serialization.JsonConverter<T>
            {
                private readonly OpenApiJsonReader<T> _read;
                private readonly OpenApiJsonWriter<T> _write;

                public DelegateConverter(OpenApiJsonReader<T> read, OpenApiJsonWriter<T> write)
                {
                    _read = read;
                    _write = write;
                }

                public override bool HandleNull => true;

                public override T Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Type typeToConvert, global::System.Text.Json.JsonSerializerOptions options) =>
                    _read(ref reader, options);

                public override void Write(global::System.Text.Json.Utf8JsonWriter writer, T value, global::System.Text.Json.JsonSerializerOptions options)
                {
                    if (value is null) writer.WriteNullValue();
                    else _write(writer, value, options);
                }
            }

            /// <summary>Lists of generated types (<c>List&lt;T&gt;</c>, <c>IReadOnlyList&lt;T&gt;</c>) for <c>JsonSerializer</c> calls.</summary>
            public sealed class ListConverter<TList, T> : global::System.Text.Json.Serialization.JsonConverter<TList>
                where TList : class, global::System.Collections.Generic.IReadOnlyList<T>
            {
                private readonly OpenApiJsonReader<T> _read;
                private readonly OpenApiJsonWriter<T> _write;

                public ListConverter(OpenApiJsonReader<T> read, OpenApiJsonWriter<T> write)
                {
                    _read = read;
                    _write = write;
                }

                public override TList Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Type typeToConvert, global::System.Text.Json.JsonSerializerOptions options) =>
                    (TList)(object)ReadList(ref reader, options, _read);

                public override void Write(global::System.Text.Json.Utf8JsonWriter writer, TList value, global::System.Text.Json.JsonSerializerOptions options) =>
                    WriteList(writer, value, options, _write);
            }
        }

        """;
}
