using System.Reflection;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Zmq.Interop;

namespace Zmq.Tests.Interop;

/// <summary>
/// The shipped XML docs (bin/Zmq.xml, bin/Zmq.Interop.xml) describe the public API, all of it and
/// nothing else: build/PublicDocumentation.targets filters the compiler's file by the PublicAPI lists.
/// </summary>
public class PublicDocumentationTests
{
    [Theory]
    [InlineData(typeof(ZmqSocket))]
    [InlineData(typeof(LibZmq))]
    public void Every_public_method_that_returns_a_value_says_what_in_returns(Type anchor)
    {
        Assembly assembly = anchor.Assembly;
        var docs = XDocument.Load(Path.ChangeExtension(assembly.Location, ".xml")).Descendants("member")
            .ToDictionary(m => (string)m.Attribute("name")!, m => m, StringComparer.Ordinal);
        var lacking = new List<string>();
        foreach (Type type in assembly.GetExportedTypes())
        {
            bool record = type.GetMethod("<Clone>$") is not null || type.GetProperty("EqualityContract", BindingFlags.NonPublic | BindingFlags.Instance) is not null;
            var returning = type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(method => !(method.IsSpecialName || method.ReturnType == typeof(void) || method.ReturnType == typeof(Task) || method.ReturnType == typeof(ValueTask)
                    || method.IsDefined(typeof(CompilerGeneratedAttribute))
                    || (record && method.Name is "ToString" or "Equals" or "GetHashCode" or "Deconstruct" or "PrintMembers")));
            foreach (var overloads in returning.GroupBy(m => m.Name))
            {
                // Overloads are told apart by count: as many documented with <returns> as return a value.
                string id = $"M:{type.FullName!.Replace('+', '.')}.{overloads.Key}";
                int withReturns = docs.Count(d => (d.Key == id || d.Key.StartsWith(id + "(", StringComparison.Ordinal) || d.Key.StartsWith(id + "``", StringComparison.Ordinal))
                    && (d.Value.Element("returns") is not null || d.Value.Element("inheritdoc") is not null));
                if (withReturns < overloads.Count())
                {
                    lacking.Add($"{id} ({overloads.Count() - withReturns} of {overloads.Count()})");
                }
            }
        }
        Assert.True(lacking.Count == 0, $"{lacking.Count} methods lack <returns>: {string.Join(" ", lacking.Distinct())}");
    }

    [Theory]
    [InlineData(typeof(ZmqSocket))]
    [InlineData(typeof(LibZmq))]
    public void The_shipped_xml_documents_every_public_member_and_no_internal_one(Type anchor)
    {
        Assembly assembly = anchor.Assembly;
        string path = Path.ChangeExtension(assembly.Location, ".xml");
        var ids = XDocument.Load(path).Descendants("member").Select(m => (string)m.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(ids);

        var missing = new List<string>();
        foreach (Type type in assembly.GetExportedTypes())
        {
            string typeName = type.FullName!.Replace('+', '.');
            if (!ids.Contains("T:" + typeName))
            {
                missing.Add("T:" + typeName);
            }
            bool record = type.GetMethod("<Clone>$") is not null || type.GetProperty("EqualityContract", BindingFlags.NonPublic | BindingFlags.Instance) is not null;
            foreach (MemberInfo member in type.GetMembers(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (member is MethodBase { IsSpecialName: true } and not ConstructorInfo
                    || member is Type
                    || member.IsDefined(typeof(CompilerGeneratedAttribute))
                    || (record && member.Name is "ToString" or "Equals" or "GetHashCode" or "Deconstruct" or "PrintMembers")
                    || (type.IsEnum && member.Name == "value__")
                    // zmq.h's constants, mirrored one for one (LibZmq.Constants.cs): zmq.h documents them.
                    || (type == typeof(LibZmq) && member is FieldInfo { IsLiteral: true })
                    || (member is ConstructorInfo && type.IsValueType && ((ConstructorInfo)member).GetParameters().Length == 0))
                {
                    continue;
                }
                string name = member is ConstructorInfo ? "#ctor" : member.Name;
                string prefix = member switch { PropertyInfo => "P:", FieldInfo => "F:", EventInfo => "E:", _ => "M:" };
                string id = $"{prefix}{typeName}.{name}";
                if (!ids.Any(i => i == id || i.StartsWith(id + "(", StringComparison.Ordinal) || i.StartsWith(id + "``", StringComparison.Ordinal)))
                {
                    missing.Add(id);
                }
            }
        }
        Assert.True(missing.Count == 0, $"{path} lacks: {string.Join(", ", missing.Distinct().Take(20))}");

        string[] internalNames = ["ZmqReactor", "AsyncWaiter", "ThrowHelper", "SocketReadiness", "AddNativeReference", "OwnedSocketHandle", "Resolve("];
        foreach (string internalName in internalNames)
        {
            Assert.DoesNotContain(ids, id => id.Contains(internalName, StringComparison.Ordinal));
        }
    }
}
