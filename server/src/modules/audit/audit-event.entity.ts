import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What happened to an account's security, when, and from where. */
@ObjectType({
  description: "An event of the account's security: sign-ins, password and token changes",
})
@Entity('audit_events')
export class AuditEvent {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer', nullable: true })
  userId!: number | null;

  @Field({ description: 'e.g. LOGIN_SUCCEEDED, LOGIN_FAILED, PASSWORD_CHANGED, TOKEN_CREATED' })
  @Column({ type: 'varchar', length: 40 })
  type!: string;

  @Field(() => String, { nullable: true, description: 'The address the request came from' })
  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  userAgent!: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. the name of the token created' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  detail!: string | null;

  @Column({ type: 'datetime' })
  createdAt!: Date;
}
