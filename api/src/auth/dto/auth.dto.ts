import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, getSchemaPath, OmitType } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { IsText, Trimmed } from '../../text/text';
import { IsIndianPhone, PHONE_PATTERN } from '../phone';
import { JOIN_CODE_LENGTH, JOIN_CODE_PATTERN } from '../../businesses/codes';
import { ACCESS_TOKEN_MAX_LENGTH, NAME_MAX_LENGTH, PHONE_MAX_LENGTH, TOKEN_MAX_LENGTH } from '../../openapi/limits';
import { RECOVERY_CODE_COUNT, RECOVERY_CODE_PATTERN } from '../recovery-codes';

export const UPI_ID = /^[a-zA-Z0-9][a-zA-Z0-9._-]{1,98}@[a-zA-Z][a-zA-Z0-9]{1,48}$/;
/** The grammar alone allows 149 characters; the column `businesses.upi_id` holds 100. */
export const UPI_ID_MAX_LENGTH = 100;

/** What an earlier login or registration on this device returned, sent back with the next ones. */
function DeviceToken(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      example: 'q8Vn3kXbW1eZr0tYhA5uLm2sJ7cD9fG4iO6pQ1wE3xR',
      minLength: 20,
      maxLength: 200,
      description:
        'The `deviceToken` an earlier login or registration on this device returned. A device that logged in before keeps ' +
        "its own budget of failed attempts, so strangers guessing this phone's password cannot lock its owner out.",
    }),
    IsOptional(),
    IsString(),
    Length(20, 200),
  );
}

export class RegisterDto {
  @ApiProperty({ enum: ['business', 'customer'], example: 'customer' })
  @IsIn(['business', 'customer'])
  role: 'business' | 'customer';

  @ApiProperty({ example: 'Asha Verma', description: 'Your name' })
  @Trimmed()
  @IsText({ min: 1, max: 100 }) // users.name
  name: string;

  @ApiProperty({ example: '+91 98765 43210', description: '10-digit Indian mobile number; +91 or 0 prefix and spaces allowed' })
  @IsIndianPhone()
  phone: string;

  @ApiProperty({ example: 'correct horse battery', minLength: 8, maxLength: 128, format: 'password' })
  @IsString()
  @Length(8, 128)
  password: string;

  @ApiPropertyOptional({ example: 'Sharma Kirana Store', description: 'Required for a business' })
  @IsOptional()
  @Trimmed()
  @IsText({ min: 1, max: 100 }) // businesses.name
  businessName?: string;

  @ApiPropertyOptional({
    example: 'sharmakirana@ybl',
    pattern: UPI_ID.source,
    description: 'The UPI ID customers pay to; required for a business',
  })
  @IsOptional()
  @Trimmed()
  @IsText({ max: UPI_ID_MAX_LENGTH })
  @Matches(UPI_ID, { message: 'upiId must be a UPI ID like name@bank' })
  upiId?: string;

  @DeviceToken()
  deviceToken?: string;
}

/** What both kinds of registration take (the document's `oneOf` members extend it). */
class RegisterCommonDto extends OmitType(RegisterDto, ['role', 'businessName', 'upiId'] as const) {}

/** Registration of a customer, as the document says it (`oneOf` keyed by `role`); RegisterDto validates it. */
export class RegisterCustomerDto extends RegisterCommonDto {
  @ApiProperty({ enum: ['customer'], example: 'customer' })
  role: 'customer';
}

/** Registration of a business owner: the business's name and UPI ID are required. */
export class RegisterBusinessDto extends RegisterCommonDto {
  @ApiProperty({ enum: ['business'], example: 'business' })
  role: 'business';

  @ApiProperty({ example: 'Sharma Kirana Store', minLength: 1, maxLength: 100, description: 'The name customers know the shop by' })
  businessName: string;

  @ApiProperty({
    example: 'sharmakirana@ybl',
    pattern: UPI_ID.source,
    maxLength: UPI_ID_MAX_LENGTH,
    description: 'The UPI ID customers pay to',
  })
  upiId: string;
}

/** The request body of registration: one of the two, by `role`. */
export const REGISTER_BODY = {
  oneOf: [{ $ref: getSchemaPath(RegisterCustomerDto) }, { $ref: getSchemaPath(RegisterBusinessDto) }],
  discriminator: {
    propertyName: 'role',
    mapping: { customer: getSchemaPath(RegisterCustomerDto), business: getSchemaPath(RegisterBusinessDto) },
  },
};

export class LoginDto {
  @ApiProperty({ example: '9876543210' })
  @IsIndianPhone()
  phone: string;

  @ApiProperty({ example: 'correct horse battery', format: 'password', minLength: 1, maxLength: 128 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  password: string;

  @DeviceToken()
  deviceToken?: string;
}

export class RefreshDto {
  @ApiProperty({
    example: 'mJ3n0C6i0v3Yx2w0Vt1f6Q8sK9dL4pR7uE5aB2cD1eF',
    description: 'The refresh token from login, register or the last refresh',
    minLength: 20,
    maxLength: 200,
  })
  @IsString()
  @Length(20, 200)
  refreshToken: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['business', 'customer'] })
  role: 'business' | 'customer';

  @ApiProperty({ example: 'Asha Verma', maxLength: NAME_MAX_LENGTH })
  name: string;

  @ApiProperty({ example: '+919876543210', pattern: PHONE_PATTERN, maxLength: PHONE_MAX_LENGTH })
  phone: string;
}

export class AuthResponseDto {
  @ApiProperty({
    description: 'Short-lived JWT (HS256); send as `Authorization: Bearer <token>`',
    maxLength: ACCESS_TOKEN_MAX_LENGTH,
    pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$',
    example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIzZjBjIn0.c2lnbmF0dXJl',
  })
  accessToken: string;

  @ApiProperty({
    type: 'integer',
    format: 'int32',
    minimum: 1,
    maximum: 86400,
    description: 'Seconds until the access token expires',
    example: 900,
  })
  accessTokenExpiresIn: number;

  @ApiProperty({
    description: 'Single-use: trade it at POST /auth/refresh for a new pair',
    minLength: 20,
    maxLength: TOKEN_MAX_LENGTH,
    example: 'mJ3n0C6i0v3Yx2w0Vt1f6Q8sK9dL4pR7uE5aB2cD1eF',
  })
  refreshToken: string;

  @ApiProperty({ type: UserDto })
  user: UserDto;
}

export class FailedLoginAttemptsDto {
  @ApiProperty({
    type: 'integer',
    format: 'int32',
    minimum: 1,
    maximum: 2147483647,
    example: 3,
    description: 'Wrong passwords entered for this phone since the last successful login',
  })
  count: number;

  @ApiProperty({ format: 'date-time', description: 'When the first of them happened' })
  since: string;

  @ApiProperty({ format: 'date-time', description: 'When the last of them happened' })
  lastAt: string;
}

/** What login and registration answer: the tokens, plus what this device should keep and what the owner should know. */
export class LoginResponseDto extends AuthResponseDto {
  @ApiProperty({
    description: 'Keep it on this device (it outlives logout) and send it with every later login as `deviceToken`',
    example: 'q8Vn3kXbW1eZr0tYhA5uLm2sJ7cD9fG4iO6pQ1wE3xR',
    minLength: 20,
    maxLength: TOKEN_MAX_LENGTH,
  })
  deviceToken: string;

  @ApiProperty({
    type: FailedLoginAttemptsDto,
    nullable: true,
    description: 'Failed attempts to log in to this account since its last successful login; show them to the user (then they are cleared)',
  })
  failedLoginAttempts: FailedLoginAttemptsDto | null;
}

const RECOVERY_CODES_EXAMPLE = [
  '7F3A-K2QM-9XHD',
  'M4TR-0C8V-Q1ZN',
  'B6PW-H3JD-X7EK',
  'T9GS-2Y5F-RA4M',
  'K0VN-8QXC-3HDT',
  'Z5EB-J7WR-6PGA',
  'D2MH-Y9KS-VN8Q',
  'R1XF-4TBE-0CJW',
];

/** Recovery codes as the API hands them out: once, at registration or when new ones are made. */
export function RecoveryCodesProperty(): PropertyDecorator {
  return ApiProperty({
    type: 'array',
    items: { type: 'string', pattern: RECOVERY_CODE_PATTERN, maxLength: 14, example: '7F3A-K2QM-9XHD' },
    example: RECOVERY_CODES_EXAMPLE,
    minItems: RECOVERY_CODE_COUNT,
    maxItems: RECOVERY_CODE_COUNT,
    description:
      'One-time codes to get back in without SMS (`POST /auth/recover`), each usable once. Shown this once: only their ' +
      'hashes are kept. Making new ones (`POST /me/recovery-codes`) ends these.',
  });
}

/** Registration: login's answer plus the recovery codes, shown this once. */
export class RegisterResponseDto extends LoginResponseDto {
  @RecoveryCodesProperty()
  recoveryCodes: string[];
}

export class RecoverDto {
  @ApiProperty({ example: '9876543210' })
  @IsIndianPhone()
  phone: string;

  @ApiProperty({
    example: '7F3A-K2QM-9XHD',
    minLength: 1,
    maxLength: 32,
    description: 'One of the recovery codes; case, spaces and dashes do not matter (O reads as 0, I and L as 1)',
  })
  @IsString()
  @Length(1, 32)
  recoveryCode: string;

  @ApiProperty({ example: 'a new long passphrase', minLength: 8, maxLength: 128, format: 'password' })
  @IsString()
  @Length(8, 128)
  newPassword: string;
}

export class RecoverResponseDto {
  @ApiProperty({
    type: 'integer',
    format: 'int32',
    minimum: 0,
    maximum: RECOVERY_CODE_COUNT,
    example: 7,
    description: 'Unused recovery codes left; make new ones in settings when few are',
  })
  recoveryCodesLeft: number;
}

export class MeBusinessDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Sharma Kirana Store', maxLength: NAME_MAX_LENGTH })
  name: string;

  @ApiProperty({ example: 'sharmakirana@ybl', pattern: UPI_ID.source, maxLength: UPI_ID_MAX_LENGTH })
  upiId: string;

  @ApiProperty({
    example: 'K7M3Q9TX',
    pattern: JOIN_CODE_PATTERN,
    maxLength: JOIN_CODE_LENGTH,
    description: 'The code customers join with (8 characters)',
  })
  joinCode: string;
}

export class MeCustomerDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Asha Verma', maxLength: NAME_MAX_LENGTH })
  name: string;

  @ApiProperty({ example: '+919876543210', pattern: PHONE_PATTERN, maxLength: PHONE_MAX_LENGTH })
  phone: string;
}

export class MeDto {
  @ApiProperty({ type: UserDto })
  user: UserDto;

  @ApiProperty({ type: MeBusinessDto, nullable: true })
  business: MeBusinessDto | null;

  @ApiProperty({ type: MeCustomerDto, nullable: true })
  customer: MeCustomerDto | null;
}
