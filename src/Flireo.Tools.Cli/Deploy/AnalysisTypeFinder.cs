using System.Reflection;
using Flireo.Tools.Webhooks;

namespace Flireo.Tools.Cli.Deploy;

/// <summary>Finds the analysis type a tool assembly declares through its <see cref="IEndOfCallReportHandler{TData}"/> implementations.</summary>
internal static class AnalysisTypeFinder
{
    /// <summary>Returns the one <c>TData</c> of the assembly's end-of-call handlers, or <see langword="null"/> when none declares one.</summary>
    /// <exception cref="CliException">Handlers declare different types; an assistant has one analysis plan.</exception>
    public static Type? Find(Assembly assembly)
    {
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            types = ex.Types;
        }

        var found = new Dictionary<Type, List<string>>();
        foreach (var type in types)
        {
            if (type is not { IsClass: true, IsAbstract: false })
            {
                continue;
            }

            foreach (var contract in type.GetInterfaces())
            {
                if (contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IEndOfCallReportHandler<>))
                {
                    var data = contract.GetGenericArguments()[0];
                    if (!found.TryGetValue(data, out var handlers))
                    {
                        found[data] = handlers = [];
                    }

                    handlers.Add(type.Name);
                }
            }
        }

        if (found.Count > 1)
        {
            throw new CliException(
                $"{Path.GetFileName(assembly.Location)}: end-of-call handlers declare different analysis types ({string.Join("; ", found.Select(static f => $"{f.Key.Name} by {string.Join(", ", f.Value)}"))}); "
                + "an assistant has one analysis plan, so declare IEndOfCallReportHandler<T> with one type.");
        }

        return found.Count == 1 ? found.Keys.Single() : null;
    }
}
