import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { integerColumn } from '../../db/transformers';

@ObjectType({ description: 'The signed-in person' })
@Entity('users')
export class User {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id!: number;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  firstname!: string;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  lastname!: string;

  @Field()
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  /** Lower-cased email: uniqueness ignoring case, the same on SQLite and MySQL. */
  @Column({ type: 'varchar', length: 254 })
  emailKey!: string;

  @Field()
  @Column({ type: 'varchar', length: 50 })
  username!: string;

  @Column({ type: 'varchar', length: 50 })
  usernameKey!: string;

  @Column({ type: 'varchar', length: 255 })
  passwordHash!: string;

  @Field({ description: 'ISO 4217 code; amounts use its minor digits (USD 2, JPY 0, BHD 3)' })
  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  /** Base32 TOTP secret; set during enrolment, in force once totpEnabledAt is set. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  totpSecret!: string | null;

  @Column({ type: 'datetime', nullable: true })
  totpEnabledAt!: Date | null;

  @Column({ type: 'bigint', nullable: true, transformer: integerColumn })
  totpLastStep!: number | null;

  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Column({ type: 'datetime' })
  updatedAt!: Date;
}
