import { type Type, applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiSecurity } from '@nestjs/swagger';

/** The OpenAPI description every dashboard read shares: its answer, and the 400 and 401 it can give. */
export function DashboardRead(
  summary: string,
  type: Type<unknown>,
  description?: string,
): MethodDecorator {
  return applyDecorators(
    ApiOperation({ summary, description }),
    ApiSecurity('api-key'),
    ApiResponse({ status: 200, type }),
    ApiResponse({ status: 400, description: 'A bad parameter, named in the message' }),
    ApiResponse({
      status: 401,
      description: 'READ_API_KEYS is set and x-api-key is missing or wrong',
    }),
  );
}
