import { bool, int, type Rule, str } from './validate.js'

// The input shapes of the Parameter Store actions, from the SSM API reference: GetParameters and
// DeleteParameters take 1 to 10 names, GetParametersByPath pages of 1 to 10, DescribeParameters
// and GetParameterHistory pages of 1 to 50, a filter 1 to 50 values, a label call 1 to 10 labels.
const NAME = str(1, 2048)
const NEXT_TOKEN = str(1, 4096)
const STRING_FILTERS: Rule = {
  type: 'list',
  max: 20,
  of: { type: 'object', fields: { Key: str(1, 132), Option: str(1, 10), Values: { type: 'list', min: 1, max: 50, of: str(1, 1024) } }, required: ['Key'] },
}
const TAGS: Rule = { type: 'list', max: 1000, of: { type: 'object', fields: { Key: str(1, 128), Value: str(0, 256) }, required: ['Key', 'Value'] } }
const TYPE: Rule = { type: 'string', oneOf: ['String', 'StringList', 'SecureString'] }

export const ssmShapes: Record<string, Record<string, Rule>> = {
  PutParameter: {
    Name: NAME,
    Description: str(0, 1024),
    Value: { type: 'string' },
    Type: TYPE,
    KeyId: str(1, 256),
    Overwrite: bool,
    AllowedPattern: str(0, 1024),
    Tags: TAGS,
    Tier: { type: 'string', oneOf: ['Standard', 'Advanced', 'Intelligent-Tiering'] },
    DataType: str(0, 128),
  },
  GetParameter: { Name: NAME, WithDecryption: bool },
  GetParameters: { Names: { type: 'list', min: 1, max: 10, of: NAME }, WithDecryption: bool },
  GetParametersByPath: { Path: NAME, Recursive: bool, ParameterFilters: STRING_FILTERS, WithDecryption: bool, MaxResults: int(1, 10), NextToken: NEXT_TOKEN },
  DescribeParameters: { ParameterFilters: STRING_FILTERS, MaxResults: int(1, 50), NextToken: NEXT_TOKEN, Shared: bool },
  DeleteParameter: { Name: NAME },
  DeleteParameters: { Names: { type: 'list', min: 1, max: 10, of: NAME } },
  LabelParameterVersion: { Name: NAME, ParameterVersion: { type: 'integer', min: 1 }, Labels: { type: 'list', min: 1, max: 10, of: str(1, 100) } },
  GetParameterHistory: { Name: NAME, WithDecryption: bool, MaxResults: int(1, 50), NextToken: NEXT_TOKEN },
}

/** Inputs a required member is missing from answer ValidationException, as AWS words it. */
export const ssmRequired: Record<string, readonly string[]> = {
  PutParameter: ['Name', 'Value'],
  GetParameter: ['Name'],
  GetParameters: ['Names'],
  GetParametersByPath: ['Path'],
  DeleteParameter: ['Name'],
  DeleteParameters: ['Names'],
  LabelParameterVersion: ['Name', 'Labels'],
  GetParameterHistory: ['Name'],
}
