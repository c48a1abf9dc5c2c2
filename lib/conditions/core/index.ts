export {
  parseCondition,
  placeholdersOf,
  type Condition,
  type ConditionOp,
  type ConditionTarget,
  type Literal,
  type Operand,
  type ParsedCondition,
  type PathSegment,
} from "./parse";
export { evaluateCondition } from "./evaluate";
export {
  PLACEHOLDERS,
  PLACEHOLDER_NAMES,
  placeholderSpec,
  type ConditionContext,
  type Placeholder,
  type PlaceholderSpec,
} from "./placeholders";
export { formatCondition } from "./format";
