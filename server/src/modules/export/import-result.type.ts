import { Field, Float, ID, Int, ObjectType } from 'type-graphql';

/** How an import went; bank-file imports (import-pipeline) answer with the same type. */
@ObjectType({ description: 'How an import went: what was written, skipped and refused' })
export class ImportResult {
  @Field(() => ID)
  importId!: string;

  @Field({ description: 'DONE when written; bank imports also report their running states' })
  status!: string;

  @Field(() => Int)
  imported!: number;

  @Field(() => Int)
  skippedDuplicates!: number;

  @Field(() => Int)
  failed!: number;

  @Field(() => Float, { description: 'From 0 to 1' })
  progress!: number;
}
