import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum TokenScope {
  READ = 'READ',
  WRITE = 'WRITE',
}

registerEnumType(TokenScope, {
  name: 'TokenScope',
  description:
    'READ tokens read; WRITE tokens also write. No token manages tokens or the password.',
});

/** A script's credential. Only the SHA-256 of the secret is stored; the secret is shown once. */
@ObjectType()
@Entity('api_tokens')
export class ApiToken {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  userId!: number;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Field(() => TokenScope)
  @Column({ type: 'varchar', length: 5 })
  scope!: TokenScope;

  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ type: 'datetime', nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'datetime', nullable: true })
  revokedAt!: Date | null;
}
