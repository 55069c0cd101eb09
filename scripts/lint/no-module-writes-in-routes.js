"use strict"

/**
 * Routes, jobs and subscribers run a workflow for every write: a write to the plugin's data from one
 * skips the workflow's checks, compensation and events. This rule reports any call, in the files it
 * is enabled for, of a method of the Moota module service that is not a read.
 *
 * Reads are recognised by name (`get…`, `list…`, `retrieve…`, `count…`, `last…`), the same names
 * MedusaService generates for reads; everything else on the service (create/update/delete…, and
 * the hand-written writes such as `recordDecision`) is a write. The receiver is found by its type,
 * so an alias (`const moota = mootaOf(scope)`, a parameter, a destructured helper) is caught too.
 */
const READ = /^(get|list|retrieve|count|last)[A-Z]?/
const SERVICE = "MootaModuleService"

/** @type {import("eslint").Rule.RuleModule} */
module.exports = {
  meta: {
    type: "problem",
    docs: { description: "Routes must not call write methods of the Moota module; run a workflow instead." },
    schema: [],
    messages: {
      write:
        "`{{method}}` writes through the Moota module from a route, job or subscriber. Run a workflow (src/workflows) that does it in a step instead.",
    },
  },
  create(context) {
    const services = context.sourceCode.parserServices
    if (!services?.program || !services.esTreeNodeToTSNodeMap) {
      throw new Error("no-module-writes-in-routes needs type information (parserOptions.projectService)")
    }
    const checker = services.program.getTypeChecker()

    function isService(type) {
      if (!type) return false
      if (type.isUnion?.()) return type.types.some(isService)
      const symbol = type.getSymbol?.() ?? type.aliasSymbol
      if (symbol?.getName() === SERVICE) return true
      // A subclass or an intersection that carries the service.
      const bases = type.getBaseTypes?.() ?? []
      return bases.some(isService)
    }

    return {
      CallExpression(node) {
        const callee = node.callee.type === "ChainExpression" ? node.callee.expression : node.callee
        if (callee.type !== "MemberExpression" || callee.computed || callee.property.type !== "Identifier") return
        const method = callee.property.name
        if (READ.test(method)) return
        const tsNode = services.esTreeNodeToTSNodeMap.get(callee.object)
        if (isService(checker.getTypeAtLocation(tsNode))) {
          context.report({ node: callee.property, messageId: "write", data: { method } })
        }
      },
    }
  },
}
